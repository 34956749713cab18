import { execFile } from 'node:child_process';
import { mkdir, open, readFile, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Sandbox } from '@mcp-panther/sandbox';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { INITIALIZE, postMcp } from '../../core/src/testdata/rawMcp.js';
import {
  assertBuilt,
  baseEnv,
  connectHttp,
  killAll,
  someAlertId,
  startHttp,
  startPanther,
  tempDir,
  textOf,
  writeConfig,
} from './testdata/harness.js';
import { type IdentityProvider, startIdentityProvider } from './testdata/identityProvider.js';

// The team surfaces as an attacker or a careless operator meets them: the built `mcp-panther` serving HTTP, a real
// OAuth provider signing access tokens, named static tokens, and the sandbox's role tokens as Panther tokens. One
// test per class of defect; docs/security.md names each.

const AUDIENCE = 'https://mcp.example.com/mcp';
const STATIC_TOKEN = 'alice-static-token-0123456789abcdef';
let panther: Sandbox;
let idp: IdentityProvider;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let server: Awaited<ReturnType<typeof startHttp>>;
let auditFile: string;
let configFile: string;
let serverEnv: Record<string, string>;
const clients: Client[] = [];

beforeAll(async () => {
  assertBuilt();
  [panther, idp, tmp] = await Promise.all([startPanther(), startIdentityProvider(AUDIENCE), tempDir()]);
  auditFile = path.join(tmp.dir, 'audit.jsonl');
  await writeFile(path.join(tmp.dir, 'alice.token'), `${STATIC_TOKEN}\n`, { mode: 0o600 });
  configFile = await writeConfig(tmp.dir, 'team.config.json', {
    server: {
      transport: 'http',
      host: '127.0.0.1',
      port: 0,
      auth: {
        oauth: { issuer: idp.issuer, audience: AUDIENCE, nameClaim: 'name' },
        tokens: [{ name: 'alice', tokenFile: 'alice.token', profile: 'responder' }],
      },
    },
    profiles: {
      responder: {
        match: { groups: ['soc-responders'] },
        mode: 'read-write',
        allowTools: ['*alert*'],
        pantherTokenEnv: 'PANTHER_TOKEN_RESPONDER',
      },
      analyst: {
        match: { groups: ['soc-analysts'] },
        mode: 'read-only',
        pantherTokenEnv: 'PANTHER_TOKEN_ANALYST',
      },
      // A group name with a space, as directories name them.
      detections: {
        match: { groups: ['Detection Readers'] },
        mode: 'read-only',
        allowTools: ['list_detections', 'get_detection'],
        pantherTokenEnv: 'PANTHER_TOKEN_ANALYST',
      },
      // Five calls at once, then one a minute.
      limited: {
        match: { groups: ['soc-limited'] },
        mode: 'read-only',
        allowTools: ['get_alert'],
        pantherTokenEnv: 'PANTHER_TOKEN_ANALYST',
        requestsPerMinute: 1,
        burst: 5,
      },
    },
    // Readable text on stderr: the format a person reads on a terminal.
    logging: { auditFile, format: 'plain' },
  });
  serverEnv = baseEnv({
    LOG_LEVEL: 'debug',
    PANTHER_INSTANCE_URL: panther.url,
    PANTHER_API_TOKEN: panther.tokens.noAccess,
    PANTHER_TOKEN_ANALYST: panther.tokens.analyst,
    PANTHER_TOKEN_RESPONDER: panther.tokens.responder,
  });
  server = await startHttp(['--config', configFile], serverEnv);
});
afterAll(async () => {
  for (const client of clients) await client.close().catch(() => {});
  await killAll();
  await Promise.all([panther?.close(), idp?.stop(), tmp?.remove()]);
});

async function connectAs(token: string, url = server.url): Promise<Client> {
  const client = await connectHttp(url, { authorization: `Bearer ${token}` });
  clients.push(client);
  return client;
}

const post = (
  token: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
  url = server.url,
): Promise<Response> => postMcp(url, body, { token: token || undefined, headers });
const initialize = INITIALIZE;

/** The profile `config://panther` names for this client's caller. */
async function profileOf(client: Client): Promise<unknown> {
  const shown = await client.readResource({ uri: 'config://panther' });
  return (JSON.parse((shown.contents[0] as { text: string }).text) as { profile?: unknown }).profile;
}

async function auditRecords(): Promise<Record<string, unknown>[]> {
  const text = await readFile(auditFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The characters of `text` a terminal would act on instead of showing (the newlines that end lines aside). */
function terminalControls(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const control =
      (code < 0x20 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    if (control) found.add(`U+${code.toString(16).padStart(4, '0')}`);
  }
  return [...found];
}

describe('team security of the HTTP server', () => {
  it('terminal injection: a claim full of escape sequences is escaped in the text log and the audit file', async () => {
    const hostile = 'eve\x1b]0;owned\x07\x1b[1A\x1b[2K\rroot logged in\x9b2J\u202e';
    const token = await idp.token({ sub: 'u-eve', name: hostile, groups: ['soc-responders'] });
    const eve = await connectAs(token);
    const alertId = await someAlertId(panther);
    const comment = await eve.callTool({
      name: 'add_alert_comment',
      arguments: { alert_id: alertId, comment: `look\x1b[31m here\x07` },
    });
    expect(comment.isError, textOf(comment)).toBeFalsy();

    const log = server.stderr();
    expect(log).toContain('eve\\u001b]0;owned\\u0007\\u001b[1A\\u001b[2K\\rroot logged in\\u009b2J\\u202e');
    expect(terminalControls(log)).toEqual([]);
    const audit = await readFile(auditFile, 'utf8');
    expect(terminalControls(audit)).toEqual([]);
    const records = (await auditRecords()).filter((r) => r['tool'] === 'add_alert_comment');
    expect(records.map((r) => r['caller'])).toEqual([hostile, hostile]);
  });

  it('claims as the issuer means them: a groups claim sent as one string is one group, never split on spaces', async () => {
    const statusFor = async (groups: unknown) => {
      const response = await post(await idp.token({ sub: 'u-gus', groups }), initialize);
      await response.body?.cancel();
      return response.status;
    };
    // Words of a string are not groups: neither matches soc-responders.
    expect(await statusFor('not soc-responders')).toBe(403);
    expect(await statusFor('soc-responders soc-analysts')).toBe(403);
    expect(await statusFor(['not', 'soc-responders'])).toBe(200);
    // A real group whose name holds a space matches, sent as a string or in a list.
    for (const groups of ['Detection Readers', ['Detection Readers']]) {
      const reader = await connectAs(await idp.token({ sub: 'u-dee', groups }));
      expect(await profileOf(reader)).toBe('detections');
    }
  });

  it('caller confusion: two subjects sharing a name, a static token of that name and a subject spelled like it stay distinct', async () => {
    const alertId = await someAlertId(panther);
    const callers = {
      'first alice': await idp.token({ sub: 'u-alice-1', name: 'alice', groups: ['soc-responders'] }),
      'second alice': await idp.token({ sub: 'u-alice-2', name: 'alice', groups: ['soc-responders'] }),
      'static alice': STATIC_TOKEN,
      'look-alike subject': await idp.token({
        sub: 'token:alice',
        name: 'alice',
        groups: ['soc-responders'],
      }),
    };
    const sessions: Record<string, string> = {};
    for (const [who, token] of Object.entries(callers)) {
      const client = await connectAs(token);
      const result = await client.callTool({
        name: 'add_alert_comment',
        arguments: { alert_id: alertId, comment: `from ${who}` },
      });
      expect(result.isError, textOf(result)).toBeFalsy();
      sessions[who] = (client.transport as StreamableHTTPClientTransport).sessionId!;
    }
    const records = (await auditRecords()).filter(
      (r) => r['tool'] === 'add_alert_comment' && r['phase'] === 'outcome' && r['caller'] === 'alice',
    );
    const identities = records.map((r) => `${r['credential']} ${r['callerId']}`);
    expect(identities.slice(-4)).toEqual([
      'oauth u-alice-1',
      'oauth u-alice-2',
      'token token:alice',
      'oauth token:alice',
    ]);
    // The log names the same identities.
    expect(server.stderr()).toContain('caller=alice callerId=token:alice credential=token');
    expect(server.stderr()).toContain('caller=alice callerId=token:alice credential=oauth');
    // A subject spelled like the static token cannot use that token's session, nor the other way round.
    const borrowed = await post(
      callers['look-alike subject'],
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      {
        'mcp-session-id': sessions['static alice']!,
        'mcp-protocol-version': '2025-06-18',
      },
    );
    expect(borrowed.status).toBe(403);
    expect(await borrowed.text()).not.toContain('add_alert_comment');
    const lent = await post(
      STATIC_TOKEN,
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      {
        'mcp-session-id': sessions['look-alike subject']!,
        'mcp-protocol-version': '2025-06-18',
      },
    );
    expect(lent.status).toBe(403);
    await lent.body?.cancel();
  });

  it('demoted caller: a session serves only the subject and the profile that opened it', async () => {
    const alertId = await someAlertId(panther);
    const responderToken = await idp.token({ sub: 'u-dana', name: 'dana', groups: ['soc-responders'] });
    const dana = await connectAs(responderToken);
    const session = (dana.transport as StreamableHTTPClientTransport).sessionId!;
    const onSession = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' };
    const comment = {
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'add_alert_comment', arguments: { alert_id: alertId, comment: 'after demotion' } },
    };
    expect((await dana.listTools()).tools.map((t) => t.name)).toContain('add_alert_comment');

    // A refreshed token with the same grant (groups in another order, one more that matches nothing) is served.
    const refreshed = await idp.token({ sub: 'u-dana', groups: ['marketing', 'soc-responders'] });
    const served = await post(refreshed, { jsonrpc: '2.0', id: 3, method: 'tools/list' }, onSession);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('add_alert_comment');
    // Another subject with the same groups, and a static token of the same profile: not their session.
    const someoneElse = await idp.token({ sub: 'u-erin', groups: ['soc-responders'] });
    for (const token of [someoneElse, STATIC_TOKEN]) {
      const borrowed = await post(token, comment, onSession);
      expect(borrowed.status).toBe(403);
      expect(await borrowed.text()).toContain('opened by another caller');
    }

    // Demoted at the identity provider: the next request with the new token is refused and the session ends.
    const demoted = await idp.token({ sub: 'u-dana', groups: ['soc-analysts'] });
    const refused = await post(demoted, comment, onSession);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(
      'your access changed since this session was opened (profile \\"responder\\" → \\"analyst\\")',
    );
    // The old token, still valid, finds no session to use, and the client's own session is gone.
    const stale = await post(responderToken, comment, onSession);
    expect(stale.status).toBe(404);
    await stale.body?.cancel();
    await expect(dana.listTools()).rejects.toThrow();
    expect(
      (await auditRecords()).filter(
        (r) => (r['arguments'] as { comment?: string })?.comment === 'after demotion',
      ),
    ).toEqual([]);
    // A new session gets what the caller holds now: the analyst's read tools.
    const now = await connectAs(demoted);
    const tools = (await now.listTools()).tools.map((t) => t.name);
    expect(tools).toContain('get_alert');
    expect(tools).not.toContain('add_alert_comment');
    expect(await profileOf(now)).toBe('analyst');
  });

  it('prompt leakage: prompts and their completions follow the profile’s tools', async () => {
    // Allowed list_detections and get_detection only: no alert prompt, no alert ids read for it.
    const reader = await connectAs(await idp.token({ sub: 'u-rita', groups: ['Detection Readers'] }));
    expect((await reader.listPrompts()).prompts).toEqual([]);
    await expect(reader.getPrompt({ name: 'triage-alert', arguments: { alert_id: 'x' } })).rejects.toThrow(
      'Prompt triage-alert not found',
    );
    const requests = panther.stats.requests;
    await expect(
      reader.complete({
        ref: { type: 'ref/prompt', name: 'triage-alert' },
        argument: { name: 'alert_id', value: '' },
      }),
    ).rejects.toThrow('Prompt triage-alert not found');
    expect(panther.stats.requests).toBe(requests);

    // Allowed *alert*: the prompts whose every tool is an alert tool, not those that send the model to the data
    // lake or the log sources; and the completion of an offered one reads alert ids.
    const responder = await connectAs(await idp.token({ sub: 'u-ravi', groups: ['soc-responders'] }));
    const offered = (await responder.listPrompts()).prompts.map((p) => p.name);
    expect(offered).toEqual(expect.arrayContaining(['prioritize-open-alerts', 'triage-alert']));
    expect(offered).not.toContain('investigate-actor-activity');
    expect(offered).not.toContain('get-monthly-log-sources-report');
    const ids = await responder.complete({
      ref: { type: 'ref/prompt', name: 'triage-alert' },
      argument: { name: 'alert_id', value: '' },
    });
    expect(ids.completion.values.length).toBeGreaterThan(0);
  });

  it('batch amplification: every message of a batch is a call against the caller’s rate, in session and stateless mode', async () => {
    const stateless = await startHttp(['--config', configFile], { ...serverEnv, MCP_HTTP_STATELESS: 'true' });
    /** get_alert of ids Panther does not have: never cached, so each call that runs is one request to Panther. */
    const batch = (size: number, tag: string) =>
      Array.from({ length: size }, (_, i) => ({
        jsonrpc: '2.0',
        id: i + 1,
        method: 'tools/call',
        params: { name: 'get_alert', arguments: { alert_id: `missing-${tag}-${i}` } },
      }));
    /** The JSON-RPC answers of a response, whether sent as JSON or as server-sent events. */
    const answers = async (response: Response): Promise<{ id: unknown; error?: { code: number } }[]> => {
      const text = await response.text();
      const parsed =
        text.trimStart().startsWith('data:') || text.includes('\ndata:')
          ? text
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => JSON.parse(l.slice(5)))
          : [JSON.parse(text)].flat();
      return parsed.flat();
    };
    // Batches are a feature of protocol 2025-03-26; 2025-06-18 removed them.
    const old = '2025-03-26';
    for (const [mode, url] of [
      ['session', server.url],
      ['stateless', stateless.url],
    ] as const) {
      const token = await idp.token({ sub: `u-batch-${mode}`, groups: ['soc-limited'] });
      const headers: Record<string, string> = { 'mcp-protocol-version': old };
      let budget = 5;
      if (mode === 'session') {
        const opened = await post(
          token,
          { ...initialize, params: { ...initialize.params, protocolVersion: old } },
          {},
          url,
        );
        expect(opened.status).toBe(200);
        await opened.body?.cancel();
        headers['mcp-session-id'] = opened.headers.get('mcp-session-id')!;
        budget -= 1;
      }
      const requestsBefore = panther.stats.requests;
      // Over server.maxBatchSize (20), and any batch on 2025-06-18: refused whole, before the SDK, costing nothing.
      const tooBig = await post(token, batch(21, mode), headers, url);
      expect(tooBig.status).toBe(400);
      const tooBigAnswers = await answers(tooBig);
      expect(tooBigAnswers).toHaveLength(21);
      expect(JSON.stringify(tooBigAnswers[0])).toContain('a batch holds at most 20 messages');
      const newer = await post(
        token,
        batch(2, mode),
        { ...headers, 'mcp-protocol-version': '2025-06-18' },
        url,
      );
      expect(newer.status).toBe(400);
      expect(JSON.stringify(await answers(newer))).toContain('protocol 2025-06-18 has no JSON-RPC batches');
      // One message more than the budget left: every message refused, with its id, and nothing sent to Panther.
      const over = await post(token, batch(budget + 1, `${mode}-over`), headers, url);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      const refused = await answers(over);
      expect(refused.map((a) => [a.id, a.error?.code])).toEqual(
        Array.from({ length: budget + 1 }, (_, i) => [i + 1, -32029]),
      );
      expect(panther.stats.requests).toBe(requestsBefore);
      // Exactly the budget: every call runs (one Panther request each), and the next single call is refused.
      const served = await post(token, batch(budget, `${mode}-served`), headers, url);
      expect(served.status).toBe(200);
      expect((await answers(served)).map((a) => a.id).sort()).toEqual(
        Array.from({ length: budget }, (_, i) => i + 1),
      );
      const requestsServed = panther.stats.requests;
      expect(requestsServed - requestsBefore).toBeGreaterThanOrEqual(budget);
      const next = await post(token, batch(1, `${mode}-next`)[0], headers, url);
      expect(next.status).toBe(429);
      expect(await answers(next)).toMatchObject([{ id: 1, error: { code: -32029 } }]);
      expect(panther.stats.requests).toBe(requestsServed);
    }
  });

  it('query ownership: a data lake query serves only the caller that started it, however another names it', async () => {
    const ann = await connectAs(await idp.token({ sub: 'u-ann', name: 'ann', groups: ['soc-analysts'] }));
    const started = await ann.callTool({
      name: 'query_data_lake',
      arguments: {
        sql: "SELECT p_row_id FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_between('2000-01-01', '2100-01-01') ORDER BY p_row_id",
        max_rows: 2,
      },
    });
    expect(started.isError, textOf(started)).toBeFalsy();
    const { query_id: queryId, next_cursor: cursor } = started.structuredContent as {
      query_id: string;
      next_cursor: string;
    };
    expect(cursor).toEqual(expect.any(String));
    const executions = panther.stats.dataLakeExecutions;
    const cancelled = panther.stats.cancelledQueries;

    // Both share ann's profile and Panther token; the second her display name too.
    const others = {
      'another analyst': await idp.token({ sub: 'u-bob', name: 'bob', groups: ['soc-analysts'] }),
      'same display name': await idp.token({ sub: 'u-ann-2', name: 'ann', groups: ['soc-analysts'] }),
    };
    // A cursor written by hand in the server's format, naming ann's query.
    const madeUp = `dlq1.${Buffer.from(JSON.stringify({ q: queryId, c: 'x', o: 0 })).toString('base64url')}`;
    for (const [who, token] of Object.entries(others)) {
      const other = await connectAs(token);
      const requests = panther.stats.requests;
      for (const args of [
        { query_id: queryId },
        { cursor },
        { cursor: madeUp },
        { query_id: queryId, cursor: 'a-cursor-of-panther' },
      ]) {
        const refused = await other.callTool({ name: 'query_data_lake', arguments: args });
        expect(refused.isError, `${who}: ${JSON.stringify(args)}`).toBe(true);
        expect(textOf(refused)).toContain(
          `query ${queryId} is not one of your queries; start your own with query_data_lake`,
        );
      }
      // An id nobody started is refused in the same words: a refusal does not tell whether the id exists.
      const unknown = await other.callTool({ name: 'query_data_lake', arguments: { query_id: 'q-none' } });
      expect(textOf(unknown)).toContain('query q-none is not one of your queries; start your own with');
      expect(panther.stats.requests).toBe(requests);
    }

    // A query still running: another caller can neither wait on it nor, by abandoning that wait, cancel it.
    let running: string | undefined;
    const slow = ann.callTool(
      {
        name: 'query_data_lake',
        arguments: {
          sql: "SELECT COUNT(*) AS n FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_between('2000-01-01', '2100-01-01') /* sandbox:sleep=2000 */",
        },
      },
      undefined,
      {
        onprogress: (p) => {
          running ??= /Submitted query (\S+)/.exec(p.message ?? '')?.[1];
        },
      },
    );
    await vi.waitFor(() => expect(running).toBeDefined(), { timeout: 5_000 });
    const bob = await connectAs(others['another analyst']);
    const abandoned = new AbortController();
    const waited = bob.callTool({ name: 'query_data_lake', arguments: { query_id: running } }, undefined, {
      signal: abandoned.signal,
    });
    const refusedRunning = await waited;
    abandoned.abort();
    expect(textOf(refusedRunning)).toContain(`query ${running} is not one of your queries`);
    const finished = await slow;
    expect(finished.isError, textOf(finished)).toBeFalsy();
    expect(panther.stats.cancelledQueries).toBe(cancelled);

    // The owner pages on, in the same session and in a new one.
    const next = await ann.callTool({ name: 'query_data_lake', arguments: { cursor, max_rows: 2 } });
    expect(next.isError, textOf(next)).toBeFalsy();
    const again = await connectAs(await idp.token({ sub: 'u-ann', groups: ['soc-analysts'] }));
    const reread = await again.callTool({ name: 'query_data_lake', arguments: { query_id: queryId } });
    expect(reread.isError, textOf(reread)).toBeFalsy();
    for (const page of [next, reread]) {
      expect((page.structuredContent as { query_id: string }).query_id).toBe(queryId);
    }
    // Paging never ran the SQL again (the slow query is the one more), and nobody cancelled either.
    expect(panther.stats.dataLakeExecutions).toBe(executions + 1);
    expect(panther.stats.cancelledQueries).toBe(cancelled);
    expect(server.stderr()).toContain('refused a data lake query the caller did not start');
  });
});

describe('a watched config edited as operators do', () => {
  /** The config as YAML: the deny list last, so that a prefix of the file is a valid config without it. */
  const configText = (deny: readonly string[]) =>
    [
      'server:',
      '  transport: http',
      '  host: 127.0.0.1',
      '  port: 0',
      '  auth:',
      `    oauth: { issuer: "${idp.issuer}", audience: "${AUDIENCE}" }`,
      'profiles:',
      '  responder:',
      '    match: { groups: [soc-responders] }',
      '    mode: read-write',
      "    allowTools: ['*alert*']",
      '    pantherTokenEnv: PANTHER_TOKEN_RESPONDER',
      'logging: { format: json }',
      'policy:',
      `  denyTools: [${deny.join(', ')}]`,
      '',
    ].join('\n');
  const run = promisify(execFile);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  // Seven edits, each waiting for a quiet folder and two agreeing reads: a longer bound than one call's.
  it('half-written config: vim, cp, sed -i, a two-step write, a truncation and a ConfigMap swap serve the old or the new policy, never anything else', async () => {
    const OLD = configText(['update_alert_status', 'bulk_update_alerts', 'add_alert_comment']);
    const NEW = configText(['update_alert_status', 'bulk_update_alerts']);
    const folder = path.join(tmp.dir, 'watched');
    const staging = path.join(tmp.dir, 'staging');
    await Promise.all([mkdir(folder), mkdir(staging)]);
    const file = path.join(folder, 'config.yaml');
    await writeFile(file, OLD);
    const watched = await startHttp(
      ['--config', file, '--watch'],
      baseEnv({
        PANTHER_INSTANCE_URL: panther.url,
        PANTHER_API_TOKEN: panther.tokens.noAccess,
        PANTHER_TOKEN_RESPONDER: panther.tokens.responder,
        // The mode from the environment, so that a config read as the defaults writes.
        MCP_PANTHER_MODE: 'read-write',
        MCP_PANTHER_CONFIRM_WRITES: 'never',
      }),
    );
    const token = await idp.token({ sub: 'u-olga', groups: ['soc-responders'] });
    const client = await connectAs(token, watched.url);
    const listed = async () =>
      (await client.listTools()).tools
        .map((t) => t.name)
        .sort()
        .join(' ');
    const oldTools = await listed();
    expect(oldTools).not.toContain('add_alert_comment');
    /** Log lines whose message starts with `msg`. */
    const count = (msg: string) => watched.stderr().split(`"msg":"${msg}`).length - 1;

    // Every answer while the file is being edited, from a client asking without a pause.
    const observed = new Set<string>([oldTools]);
    let polling = true;
    const poller = (async () => {
      while (polling) observed.add(await listed());
    })();

    onTestFinished(async () => {
      polling = false;
      await poller.catch(() => {});
    });

    let reloads = 0;
    /** Runs one edit and waits (bounded) for the policy it writes to be served. */
    const edit = async (how: string, wants: 'old' | 'new', change: () => Promise<unknown>) => {
      await change();
      reloads += 1;
      for (let i = 0; i < 200 && count('config reloaded') < reloads; i++) await pause(25);
      expect(count('config reloaded'), `the reload after ${how}:\n${watched.stderr()}`).toBe(reloads);
      expect((await listed()).includes('add_alert_comment'), how).toBe(wants === 'new');
    };
    let newTools = '';
    // vim (backupcopy=auto): a swap file, the original renamed to a backup, the new file written, the backup removed.
    await edit('vim', 'new', async () => {
      await writeFile(path.join(folder, '.config.yaml.swp'), 'b0VIM 9.0');
      await rename(file, `${file}~`);
      await writeFile(file, NEW);
      await unlink(`${file}~`);
      await unlink(path.join(folder, '.config.yaml.swp'));
    });
    newTools = await listed();
    // cp over the file: truncated, then written in place.
    await writeFile(path.join(staging, 'old.yaml'), OLD);
    await edit('cp', 'old', () => run('cp', [path.join(staging, 'old.yaml'), file]));
    // sed -i: a temporary file in the same folder renamed over it.
    await edit('sed -i', 'new', () => run('sed', ['-i', 's/, add_alert_comment]/]/', file]));
    // Two writes: a valid YAML prefix without the deny list, then the rest a moment later (the reload waits for a
    // quiet folder, 200 ms, then for two reads 150 ms apart to agree).
    const prefixEnd = OLD.indexOf('policy:');
    await edit('a two-step write', 'old', async () => {
      const handle = await open(file, 'w');
      await handle.write(OLD.slice(0, prefixEnd));
      await pause(50);
      await handle.write(OLD.slice(prefixEnd));
      await handle.close();
    });
    // Truncated and left empty: refused once, the old policy keeps serving; then written whole.
    await writeFile(file, '');
    for (let i = 0; i < 200 && count('config change refused') < 1; i++) await pause(25);
    await pause(400);
    expect(count('config change refused')).toBe(1);
    expect(watched.stderr()).toContain('the file holds no settings');
    expect(await listed()).toBe(oldTools);
    await edit('writing the emptied file whole', 'new', () => writeFile(file, NEW));
    // A ConfigMap mount: the file is a link through ..data, and an update swaps ..data to a new folder.
    const mountVersion = async (version: string, text: string) => {
      await mkdir(path.join(folder, version));
      await writeFile(path.join(folder, version, 'config.yaml'), text);
      await symlink(version, path.join(folder, '..data_tmp'));
      await rename(path.join(folder, '..data_tmp'), path.join(folder, '..data'));
    };
    await mountVersion('..2026_12_07_10_00_00.1', NEW);
    await symlink(path.join('..data', 'config.yaml'), path.join(folder, 'config.yaml.link'));
    await rename(path.join(folder, 'config.yaml.link'), file); // the same policy: no reload
    await edit('a ConfigMap update', 'old', () => mountVersion('..2026_12_07_10_05_00.2', OLD));
    polling = false;
    await poller;
    // The client saw only the two policies, and the server applied exactly one reload per edit, none refused but
    // the empty file.
    expect([...observed].sort()).toEqual([newTools, oldTools].sort());
    expect(count('config reloaded')).toBe(reloads);
    expect(count('config change refused')).toBe(1);
  }, 90_000);
});
