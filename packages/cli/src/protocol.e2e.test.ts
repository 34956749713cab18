import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '@mcp-panther/sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ElicitRequestSchema,
  type ElicitResult,
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  baseEnv,
  connectStdio,
  killAll,
  startHttp,
  startPanther,
  tempDir,
  textOf,
  writeConfig,
} from './testdata/harness.js';

// End to end over stdio for the protocol features: confirmation of writes through elicitation, live reload of
// the config file, and MCP logging. The built `mcp-panther` process, the SDK's Client, the sandbox as Panther.

const EXAMPLE_PACK = 'example-mcp-panther-pack';
let panther: Sandbox;
let tmp: Awaited<ReturnType<typeof tempDir>>;
const clients: Client[] = [];

beforeAll(async () => {
  assertBuilt();
  panther = await startPanther();
  tmp = await tempDir();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => {})));
  await killAll();
});
afterAll(async () => {
  await panther?.close();
  await tmp?.remove();
});

/** Starts the server over stdio with a client that can answer confirmations the way `answer` says, or cannot. */
async function serve(
  args: string[],
  answer?: (message: string) => ElicitResult['action'],
  token = panther.tokens.admin,
): Promise<{ client: Client; stderr: () => string }> {
  const env = baseEnv({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: token });
  const session = await connectStdio(args, env, answer ? { elicit: answer } : {});
  clients.push(session.client);
  return session;
}

/** The sandbox's record of an alert, read with a second client (not through the server under test). */
async function alert(id: string): Promise<{ id: string; status: string }> {
  const response = await fetch(`${panther.url}/alerts/${id}`, {
    headers: { 'X-API-Key': panther.tokens.admin },
  });
  return (await response.json()) as { id: string; status: string };
}

async function openAlertId(skip: number): Promise<string> {
  const response = await fetch(`${panther.url}/alerts?limit=50`, {
    headers: { 'X-API-Key': panther.tokens.admin },
  });
  const open = ((await response.json()) as { results: { id: string; status: string }[] }).results.filter(
    (a) => a.status === 'OPEN',
  );
  expect(open.length).toBeGreaterThan(skip);
  return open[skip]!.id;
}

async function auditRecords(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Waits (bounded) until `check` holds. */
async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`no ${what} within ${timeoutMs} ms`);
}

describe('confirmation of destructive writes over stdio', () => {
  const configFor = async (name: string, confirmWrites?: string) => {
    const auditFile = path.join(tmp.dir, `${name}.audit.jsonl`);
    const file = await writeConfig(tmp.dir, `${name}.json`, {
      packs: ['@mcp-panther/pack-alerts'],
      policy: { mode: 'read-write', ...(confirmWrites ? { confirmWrites } : {}) },
      logging: { auditFile },
    });
    return { file, auditFile };
  };

  it('accept: the write is done, and audited with its confirmation', async () => {
    const { file, auditFile } = await configFor('accept');
    const questions: string[] = [];
    const { client } = await serve(['--config', file], (message) => {
      questions.push(message);
      return 'accept';
    });
    const id = await openAlertId(0);
    const result = await client.callTool({
      name: 'update_alert_status',
      arguments: { alert_ids: [id], status: 'RESOLVED' },
    });
    expect(result.isError).toBeFalsy();
    expect(questions).toEqual([expect.stringContaining(`Resolve alert ${id}`)]);
    expect((await alert(id)).status).toBe('RESOLVED');
    const records = await auditRecords(auditFile);
    expect(records.map((r) => `${r['phase']}:${r['confirmation']}`)).toEqual([
      'intent:accepted',
      'outcome:accepted',
    ]);
    expect(records[1]).toMatchObject({ outcome: 'ok', tool: 'update_alert_status' });
  });

  it('decline: nothing changes in Panther', async () => {
    const { file, auditFile } = await configFor('decline');
    const { client } = await serve(['--config', file], () => 'decline');
    const id = await openAlertId(1);
    const result = await client.callTool({
      name: 'update_alert_status',
      arguments: { alert_ids: [id], status: 'CLOSED' },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Nothing was changed.');
    expect((await alert(id)).status).toBe('OPEN');
    expect(await auditRecords(auditFile)).toEqual([
      expect.objectContaining({
        phase: 'outcome',
        outcome: 'refused',
        code: 'NOT_CONFIRMED',
        confirmation: 'declined',
      }),
    ]);
  });

  it('a client without elicitation: refused, naming the setting; nothing changes', async () => {
    const { file } = await configFor('unsupported');
    const { client } = await serve(['--config', file]);
    const id = await openAlertId(2);
    const result = await client.callTool({
      name: 'update_alert_status',
      arguments: { alert_ids: [id], status: 'CLOSED' },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('policy.confirmWrites is "destructive"');
    expect((await alert(id)).status).toBe('OPEN');
  });

  it('"never": written without asking', async () => {
    const { file, auditFile } = await configFor('never', 'never');
    const { client } = await serve(['--config', file]);
    const id = await openAlertId(3);
    const result = await client.callTool({
      name: 'update_alert_status',
      arguments: { alert_ids: [id], status: 'CLOSED' },
    });
    expect(result.isError).toBeFalsy();
    expect((await alert(id)).status).toBe('CLOSED');
    expect((await auditRecords(auditFile)).map((r) => r['confirmation'])).toEqual([
      'not required',
      'not required',
    ]);
  });
});

describe('live reload of the config file (--watch)', () => {
  it('adds a pack, then denies a tool: list_changed and the new list; a broken edit keeps the old config', async () => {
    const config = { packs: ['@mcp-panther/pack-admin'], policy: { mode: 'read-only' } };
    const file = await writeConfig(tmp.dir, 'watched.json', config);
    const { client, stderr } = await serve(['--config', file, '--watch']);
    let changes = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changes += 1;
    });
    const names = async () => (await client.listTools()).tools.map((t) => t.name);
    const before = await names();
    expect(before).not.toContain('example_count_recent_alerts');
    await until(() => stderr().includes('watching the config file for changes'), 'watch line', 5_000);

    const written = Date.now();
    await writeFile(file, JSON.stringify({ ...config, packs: [...config.packs, EXAMPLE_PACK] }));
    // Bounded, not timed: the latency is printed (a loaded machine takes seconds to import a pack).
    await until(() => changes === 1, 'tools/list_changed after adding a pack', 10_000);
    console.log(`reload: tools/list_changed ${Date.now() - written} ms after the edit was written`);
    // Listed by pack id, then name: the example pack's tool comes after the admin pack's.
    expect(await names()).toEqual([...before, 'example_count_recent_alerts']);

    await writeFile(
      file,
      JSON.stringify({
        ...config,
        packs: [...config.packs, EXAMPLE_PACK],
        policy: { denyTools: ['list_users'] },
      }),
    );
    await until(() => changes === 2, 'tools/list_changed after denying a tool', 10_000);
    const afterDeny = await names();
    expect(afterDeny).not.toContain('list_users');
    expect(afterDeny).toContain('example_count_recent_alerts');
    expect((await client.callTool({ name: 'list_users', arguments: {} })).isError).toBe(true);

    await writeFile(file, '{ "policy": { "mode": "rw" ');
    await until(() => stderr().includes('config change refused'), 'the refusal in the log', 5_000);
    await writeFile(file, JSON.stringify({ ...config, policy: { mode: 'sometimes' } }));
    await until(
      () => stderr().split('config change refused').length === 3,
      'the second refusal in the log',
      5_000,
    );
    expect(stderr()).toContain('policy.mode: must be one of read-only, read-write (got \\"sometimes\\")');
    expect(await names()).toEqual(afterDeny);
    expect(changes).toBe(2);
    const counted = await client.callTool({ name: 'example_count_recent_alerts', arguments: { hours: 24 } });
    expect(counted.isError).toBeFalsy();
  });
});

describe('MCP logging over stdio', () => {
  it('sends the warnings of a call to the client, at the level it set, without the token', async () => {
    const badToken = 'not-a-real-token-0123456789';
    const file = await writeConfig(tmp.dir, 'logging.json', {
      packs: [EXAMPLE_PACK],
      policy: { hideUnpermittedTools: false },
    });
    // Started anyway: the call, not the start-up, is what meets the rejected token here.
    const { client } = await serve(['--config', file, '--allow-unreachable'], undefined, badToken);
    const messages: { level: string; data: unknown }[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      messages.push(n.params);
    });
    const call = () => client.callTool({ name: 'example_count_recent_alerts', arguments: { hours: 24 } });
    expect((await call()).isError).toBe(true);
    await until(() => messages.length > 0, 'a log notification', 5_000);
    expect(messages[0]).toMatchObject({
      level: 'warning',
      data: { message: 'tool call failed', code: 'AUTH' },
    });
    expect(JSON.stringify(messages)).not.toContain(badToken);
    await client.setLoggingLevel('error');
    const seen = messages.length;
    expect((await call()).isError).toBe(true);
    // The answer came after any notification the call would have sent (one stream, in order).
    expect(messages.length).toBe(seen);
  });
});

describe('over streamable HTTP', () => {
  it('asks for confirmation on the call’s stream, and tells a session about a reload', async () => {
    const config = {
      packs: ['@mcp-panther/pack-alerts'],
      policy: { mode: 'read-write' },
      server: { transport: 'streamable-http', port: 0 },
    };
    const file = await writeConfig(tmp.dir, 'http-watched.json', config);
    const { url } = await startHttp(
      ['--config', file, '--watch'],
      baseEnv({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: panther.tokens.admin }),
    );
    const client = new Client(
      { name: 'e2e-http', version: '1.0.0' },
      { capabilities: { elicitation: { form: {} } } },
    );
    const questions: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      questions.push(request.params.message);
      return { action: 'accept' };
    });
    let changes = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changes += 1;
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    clients.push(client);
    const id = await openAlertId(4);
    const result = await client.callTool({
      name: 'update_alert_status',
      arguments: { alert_ids: [id], status: 'TRIAGED' },
    });
    expect(result.isError).toBeFalsy();
    expect(questions).toEqual([expect.stringContaining(`Mark as triaged alert ${id}`)]);
    expect((await alert(id)).status).toBe('TRIAGED');

    await writeFile(
      file,
      JSON.stringify({ ...config, policy: { mode: 'read-write', denyTools: ['update_*'] } }),
    );
    await until(() => changes === 1, 'tools/list_changed over HTTP', 2_000);
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('update_alert_status');
  });
});
