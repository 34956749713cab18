import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killAll, someAlertId } from './testdata/harness.js';
import {
  type ProbeServer,
  type ProbeTarget,
  startProbeServer,
  startProbeTarget,
  textOf,
} from './testdata/probeServer.js';
import { openRawMcpSession } from './testdata/rawMcpHttp.js';

// One regression test per failure case found by black-box testing of the server, each driving the built server
// (stdio or HTTP) against the sandbox behind the fault proxy.

let target: ProbeTarget;
let servers: ProbeServer[] = [];
beforeAll(async () => {
  target = await startProbeTarget();
});
afterEach(async () => {
  target.proxy.set({ kind: 'pass' });
  for (const server of servers) await server.close();
  servers = [];
  await killAll();
});
afterAll(async () => {
  await target?.close();
});

async function probe(options: Parameters<typeof startProbeServer>[1] = {}): Promise<ProbeServer> {
  const server = await startProbeServer(target, options);
  servers.push(server);
  return server;
}

/** Requests the proxy forwarded since `from` (an index into `seen`). */
const seenSince = (from: number) => target.proxy.seen.slice(from);

async function auditLines(server: ProbeServer): Promise<string[]> {
  const text = await readFile(path.join(server.dir, 'audit.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line !== '');
}

async function alertStatus(id: string): Promise<string> {
  const response = await fetch(`${target.panther.url}/alerts/${id}`, {
    headers: { 'X-API-Key': target.apiKey },
  });
  return ((await response.json()) as { status: string }).status;
}

/** VmHWM (peak resident set) of a process, in MiB. */
async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

describe('regressions found by black-box testing', () => {
  it('1. a write with a 5,000-level nested argument is refused before the handler, naming it', async () => {
    const server = await probe({
      mode: 'read-write',
      transport: 'http',
      logging: { auditFile: 'audit.jsonl' },
    });
    const id = await someAlertId(target.panther);
    const before = await alertStatus(id);
    const status = before === 'RESOLVED' ? 'TRIAGED' : 'RESOLVED';
    const session = await openRawMcpSession(server.url ?? '');
    const extra = `${'{"deeper":'.repeat(5_000)}"leaf"${'}'.repeat(5_000)}`;
    const answer = await session.request(
      `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"update_alert_status","arguments":{"alert_ids":[${JSON.stringify(id)}],"status":"${status}","extra":${extra}}}}`,
    );
    const text = JSON.stringify(answer.message);
    expect(text).not.toContain('Maximum call stack size exceeded');
    expect(text).toContain('extra');
    expect(await alertStatus(id)).toBe(before);
    for (const line of await auditLines(server)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('2. a 50 MB upstream field is refused with a note on what to do, within the output cap; the server stays small and alive', async () => {
    const server = await probe();
    const id = await someAlertId(target.panther);
    target.proxy.set({ kind: 'huge', bytes: 50_000_000, json: true, field: 'title' }, (r) =>
      r.path.startsWith('/alerts/'),
    );
    const result = await server.call('get_alert', { alert_id: id });
    expect(textOf(result).length).toBeLessThanOrEqual(1024 * 1024);
    expect(textOf(result)).toMatch(/exceeded \d+ MiB; ask for less/);
    const peak = await peakRssMiB(server.pid);
    console.log(`a 50 MB upstream field: server peak RSS ${peak.toFixed(0)} MiB after a 50 MB upstream body`);
    expect(peak).toBeLessThan(300);
    target.proxy.set({ kind: 'pass' });
    expect((await server.call('get_alert', { alert_id: id })).isError).toBeFalsy();
  });

  it('3. get_http_log_source never passes on an upstream body that echoes the API key', async () => {
    const server = await probe();
    // The first block is the answer; the sandbox's adversarial log source name adds a note after it.
    const [answer] = (await server.call('list_log_sources', {})).content as { text: string }[];
    const sources = (
      JSON.parse(answer!.text) as { sources: { integrationId: string; integrationType: string }[] }
    ).sources;
    const http = sources.find((source) => source.integrationType === 'http-ingest');
    expect(http).toBeDefined();
    target.proxy.set({ kind: 'echo-key' }, (r) => r.path.startsWith('/log-sources/http/'));
    const result = await server.call('get_http_log_source', { source_id: http?.integrationId });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).not.toContain(target.apiKey);
  });

  describe('4. a token with " and \\ in it', () => {
    const token = 'sandbox-"quoted"\\back\\slash-token-0123456789';
    let quoted: ProbeTarget;
    beforeAll(async () => {
      quoted = await startProbeTarget({ tokens: { admin: token } });
    });
    afterAll(async () => {
      await quoted?.close();
    });

    it('is redacted from the log in its raw and JSON-escaped spellings', async () => {
      const server = await startProbeServer(quoted, { logging: { level: 'debug' } });
      servers.push(server);
      quoted.proxy.set(
        { kind: 'status', status: 500, body: JSON.stringify({ message: `bad key ${token}` }) },
        (r) => r.path === '/alerts',
      );
      await server.call('list_alerts', {});
      const escaped = JSON.stringify(token).slice(1, -1);
      expect(server.stderr()).not.toContain(token);
      expect(server.stderr()).not.toContain(escaped);
    });
  });

  it('5. credentials in an API URL are masked in config://panther', async () => {
    const withCredentials = target.proxy.url.replace('http://', 'http://probe-user:probe-secret@');
    const server = await probe({
      panther: { restUrl: withCredentials, graphqlUrl: `${withCredentials}/public/graphql` },
    });
    const resource = await server.client.readResource({ uri: 'config://panther' });
    const text = JSON.stringify(resource);
    expect(text).not.toContain('probe-secret');
    expect(server.stderr()).not.toContain('probe-secret');
  });

  it('6. HTTP sessions are capped (503 with Retry-After) and released when idle (then 404)', async () => {
    const server = await probe({ transport: 'http', server: { maxSessions: 5, sessionIdleMs: 1_000 } });
    const url = server.url ?? '';
    const initialize = (n: number) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: n,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'abandon', version: '1' },
          },
        }),
      });
    // The probe's client holds one session; four more fill the cap and are abandoned.
    const opened = await Promise.all([1, 2, 3, 4].map(initialize));
    expect(opened.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const abandoned = opened.map((r) => r.headers.get('mcp-session-id'));
    await Promise.all(opened.map((r) => r.body?.cancel()));
    const over = await initialize(5);
    expect(over.status).toBe(503);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await over.text()).toContain('server.maxSessions');
    // Once server.sessionIdleMs has passed without a request, the abandoned sessions are gone: their ids get 404
    // and new sessions are admitted.
    await new Promise((r) => setTimeout(r, 1_100));
    const stale = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': abandoned[0] ?? '',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' }),
    });
    expect(stale.status).toBe(404);
    const fresh = await initialize(6);
    await fresh.body?.cancel();
    expect(fresh.status).toBe(200);
  });

  it('7. kill -9 during 500 writes: every write that reached Panther has an audit record, every line is JSON', async () => {
    const server = await probe({ mode: 'read-write', logging: { auditFile: 'audit.jsonl' } });
    const id = await someAlertId(target.panther);
    const from = target.proxy.seen.length;
    const writes = Array.from({ length: 500 }, (_, i) =>
      server.call('add_alert_comment', { alert_id: id, comment: `probe-write-${i}` }).catch(() => undefined),
    );
    // Kill once some writes have reached the sandbox (bounded wait).
    for (let i = 0; i < 200 && seenSince(from).filter((r) => r.method === 'POST').length < 50; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    process.kill(server.pid, 'SIGKILL');
    await Promise.all(writes);
    const reached = seenSince(from)
      .filter((r) => r.method === 'POST' && r.path === '/alert-comments')
      .map((r) => /probe-write-\d+/.exec(r.body)?.[0]);
    const lines = await auditLines(server);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const audited = lines.join('\n');
    expect(reached.length).toBeGreaterThan(0);
    for (const marker of reached) expect(audited).toContain(`"${marker}"`);
  });

  it('8. a lone surrogate in an id is an input error naming the argument', async () => {
    const server = await probe();
    const cases: [string, Record<string, unknown>, string][] = [
      ['get_alert', { alert_id: 'x\uD800y' }, 'alert_id'],
      ['get_alert_events', { alert_id: 'x\uD800y' }, 'alert_id'],
      ['list_alert_comments', { alert_id: 'x\uD800y' }, 'alert_id'],
      ['get_detection', { detection_id: 'x\uD800y' }, 'detection_id'],
      ['get_global_helper', { helper_id: '\uDC00' }, 'helper_id'],
      ['get_data_model', { data_model_id: 'a\uDBFF' }, 'data_model_id'],
      ['get_user', { user_id: 'x\uD800y' }, 'user_id'],
      ['get_role', { role_id: 'x\uD800y' }, 'role_id'],
      ['get_http_log_source', { source_id: 'x\uD800y' }, 'source_id'],
    ];
    const wrong: string[] = [];
    for (const [tool, args, name] of cases) {
      const text = textOf(await server.call(tool, args));
      if (/internal error/i.test(text) || !text.includes(name)) wrong.push(`${tool}: ${text}`);
    }
    expect(wrong).toEqual([]);
  });

  it('9. strings bound for URLs have a length limit, checked before Panther is called', async () => {
    const server = await probe();
    const from = target.proxy.seen.length;
    const result = await server.call('list_roles', { name: 'A'.repeat(100_000) });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('name');
    expect(textOf(result)).not.toContain('431');
    expect(seenSince(from)).toEqual([]);
  });

  it('10. get_bytes_processed_per_log_type_and_source refuses a start_date that is not a date', async () => {
    const server = await probe();
    const result = await server.call('get_bytes_processed_per_log_type_and_source', {
      start_date: "' OR '1'='1",
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('start_date');
  });

  it('11. the SQL guard refuses a quoted SYSTEM$ function, and nothing reaches Panther', async () => {
    const server = await probe();
    for (const sql of [
      'SELECT "SYSTEM$ABORT_SESSION"(1)',
      'SELECT "system$abort_session"(1)',
      "SELECT IDENTIFIER('SYSTEM\\u0024ABORT_SESSION')(1)",
    ]) {
      const from = target.proxy.seen.length;
      const result = await server.call('query_data_lake', { sql });
      expect(result.isError, sql).toBe(true);
      expect(textOf(result)).toContain('SYSTEM$ABORT_SESSION');
      expect(textOf(result)).toContain('is not allowed');
      expect(seenSince(from).filter((r) => /ABORT_SESSION/i.test(r.body))).toEqual([]);
    }
  });

  it('12. an oversized POST gets its 413, not a reset', async () => {
    const server = await probe({ transport: 'http' });
    const answer = await new Promise<{ status?: number; body?: string; error?: string }>((resolve) => {
      const req = request(
        server.url ?? '',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Request body too large');
  });

  it('13. update_alert_assignee with a lone surrogate in alert_ids never meets a 500 from the sandbox', async () => {
    const server = await probe({ mode: 'read-write' });
    const users = (await (
      await fetch(`${target.panther.url}/users`, { headers: { 'X-API-Key': target.apiKey } })
    ).json()) as {
      results: { id: string }[];
    };
    const from = target.proxy.seen.length;
    const result = await server.call('update_alert_assignee', {
      alert_ids: ['x\uD800y'],
      assignee_id: users.results[0]?.id,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).not.toMatch(/internal error|\(500\)/i);
    for (const seen of seenSince(from)) expect(seen.status, `${seen.method} ${seen.path}`).toBeLessThan(500);
  });
});
