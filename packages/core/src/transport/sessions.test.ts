import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { createHost, type Host } from '../host/createHost.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { fakeClient, thingsPack } from '../testdata/packs.js';
import { INITIALIZE, postMcp } from '../testdata/rawMcp.js';
import type { RunningHttpServer } from './http.js';
import {
  type Admission,
  maxSessionsLimit,
  type SessionBinding,
  type SessionEnd,
  type SessionLimit,
  type SessionRefusal,
  SessionTable,
} from './sessions.js';

/** A session that records whether it was released. */
function fakeSession() {
  const session = { closed: 0, close: async () => void session.closed++ };
  return session;
}
type Fake = ReturnType<typeof fakeSession>;

function admitted(result: Admission<Fake> | SessionRefusal): Admission<Fake> {
  if ('status' in result) throw new Error(`refused: ${result.message}`);
  return result;
}
function refused(result: Admission<Fake> | SessionRefusal): SessionRefusal {
  if (!('status' in result)) throw new Error('admitted');
  return result;
}

let tables: SessionTable<Fake>[] = [];
afterEach(async () => {
  for (const table of tables) await table.close();
  tables = [];
});

function table(options: { max: number; idleMs: number; maxAgeMs?: number; limits?: SessionLimit[] }) {
  const clock = { now: 0 };
  const ended: [string, SessionEnd][] = [];
  const t = new SessionTable<Fake>({
    idleMs: options.idleMs,
    maxAgeMs: options.maxAgeMs,
    limits: [maxSessionsLimit(options.max), ...(options.limits ?? [])],
    onEnd: (info, why) => void ended.push([info.id, why]),
    now: () => clock.now,
  });
  tables.push(t);
  return { table: t, clock, ended };
}

/** Lets the closes started without waiting finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A caller's binding: its key and grant, and what a reload would grant it now. */
function binding(key: string, profile: string, now?: () => string | undefined): SessionBinding {
  return { key, grant: `${key}|${profile}`, profile, ...(now ? { regrant: now } : {}) };
}

describe('SessionTable', () => {
  it('refuses a session over the cap with 503 and the seconds until one expires, counting admissions in flight', async () => {
    const { table: t, clock } = table({ max: 2, idleMs: 60_000 });
    admitted(await t.admit('a')).commit('s1', fakeSession());
    const pending = admitted(await t.admit('a'));
    clock.now = 15_000;
    const refusal = refused(await t.admit('b'));
    expect(refusal).toMatchObject({ status: 503, retryAfterSeconds: 45 });
    expect(refusal.message).toContain('maximum of 2 sessions (server.maxSessions)');
    pending.cancel();
    admitted(await t.admit('b')).commit('s2', fakeSession());
    expect(t.size).toBe(2);
  });

  it('releases a session idle for idleMs, never one with a request in flight', async () => {
    const { table: t, clock } = table({ max: 10, idleMs: 1_000 });
    const idle = fakeSession();
    const busy = fakeSession();
    admitted(await t.admit('a')).commit('idle', idle);
    admitted(await t.admit('a')).commit('busy', busy);
    const request = t.begin('busy', true);
    clock.now = 999;
    await t.sweep();
    expect(t.size).toBe(2);
    clock.now = 1_000;
    // Expired before any sweep: a request for it finds nothing.
    expect(t.begin('idle', true)).toEqual({ ok: false, reason: 'missing' });
    await t.sweep();
    expect(idle.closed).toBe(1);
    clock.now = 50_000;
    await t.sweep();
    expect(busy.closed).toBe(0);
    if (request.ok) request.done();
    clock.now = 51_000;
    await t.sweep();
    expect(busy.closed).toBe(1);
    expect(t.size).toBe(0);
  });

  it('does not let the standalone SSE stream hold a session', async () => {
    const { table: t, clock } = table({ max: 10, idleMs: 1_000 });
    const streaming = fakeSession();
    admitted(await t.admit('a')).commit('s', streaming);
    t.begin('s', false);
    clock.now = 1_000;
    await t.sweep();
    expect(streaming.closed).toBe(1);
  });

  it('makes room for a new session by releasing expired ones first', async () => {
    const { table: t, clock } = table({ max: 1, idleMs: 1_000 });
    const old = fakeSession();
    admitted(await t.admit('a')).commit('old', old);
    clock.now = 2_000;
    admitted(await t.admit('b')).commit('new', fakeSession());
    expect(old.closed).toBe(1);
    expect(t.size).toBe(1);
  });

  it('serves a session only to its caller with the grant it was opened with; another grant ends it', async () => {
    const { table: t, ended } = table({ max: 10, idleMs: 60_000 });
    const session = fakeSession();
    const responder = binding('oauth:alice', 'responder');
    admitted(await t.admit(responder.key, [], responder)).commit('s', session);
    const served = t.begin('s', true, responder);
    expect(served.ok).toBe(true);
    if (served.ok) served.done();
    // Another caller: refused, and the session stays its owner's.
    expect(t.begin('s', true, binding('oauth:mallory', 'responder'))).toEqual({
      ok: false,
      reason: 'other-caller',
    });
    expect(session.closed).toBe(0);
    // The owner demoted (its token now matches another profile): refused, and the session is ended for good.
    expect(t.begin('s', true, binding('oauth:alice', 'analyst'))).toEqual({
      ok: false,
      reason: 'access-changed',
      was: 'responder',
    });
    expect(t.begin('s', true, responder)).toEqual({ ok: false, reason: 'missing' });
    await settle();
    expect(session.closed).toBe(1);
    expect(ended).toEqual([['s', 'access-changed']]);
  });

  it('recheck ends the sessions whose caller would now get another grant, or none', async () => {
    const { table: t, ended } = table({ max: 10, idleMs: 60_000 });
    const grants = new Map<string, string | undefined>([
      ['token:bot', 'token:bot|bot'],
      ['oauth:ann', 'oauth:ann|analyst'],
      ['oauth:rob', 'oauth:rob|responder'],
    ]);
    for (const [key, grant] of grants) {
      const profile = grant!.split('|')[1]!;
      admitted(
        await t.admit(
          key,
          [],
          binding(key, profile, () => grants.get(key)),
        ),
      ).commit(key, fakeSession());
    }
    expect(t.recheck()).toBe(0);
    grants.set('token:bot', undefined); // removed
    grants.set('oauth:rob', 'oauth:rob|analyst'); // demoted
    expect(t.recheck()).toBe(2);
    expect(t.size).toBe(1);
    await settle();
    expect(t.begin('oauth:ann', true, binding('oauth:ann', 'analyst')).ok).toBe(true);
    expect(ended.map(([id]) => id).sort()).toEqual(['oauth:rob', 'token:bot']);
  });

  it('closes a session maxAgeMs after it opened however busy, after the call it is running', async () => {
    const { table: t, clock, ended } = table({ max: 10, idleMs: 1_000, maxAgeMs: 5_000 });
    const session = fakeSession();
    admitted(await t.admit('a')).commit('s', session);
    let call: ReturnType<typeof t.begin> | undefined;
    // A request every 500 ms keeps it from going idle, not from growing old.
    for (clock.now = 500; clock.now < 5_000; clock.now += 500) {
      call = t.begin('s', true);
      expect(call.ok).toBe(true);
      if (clock.now < 4_500 && call.ok) call.done();
    }
    clock.now = 5_200;
    await t.sweep();
    // The call that started at 4.5 s is still running: the session waits for it, but takes no new request.
    expect(session.closed).toBe(0);
    expect(t.begin('s', true)).toEqual({ ok: false, reason: 'missing' });
    if (call?.ok) call.done();
    await settle();
    expect(session.closed).toBe(1);
    expect(ended).toEqual([['s', 'max-age']]);
  });

  it('takes per-caller limits as data: each session records its caller', async () => {
    const perCaller: SessionLimit = {
      check(census, caller) {
        const mine =
          census.sessions.filter((s) => s.callerKey === caller).length + (census.pending.get(caller) ?? 0);
        return mine < 1
          ? undefined
          : { status: 429, message: `caller ${caller} holds 1 session`, retryAfterSeconds: 1 };
      },
    };
    const { table: t } = table({ max: 10, idleMs: 1_000, limits: [perCaller] });
    admitted(await t.admit('alice')).commit('s1', fakeSession());
    expect(refused(await t.admit('alice'))).toMatchObject({ status: 429 });
    admitted(await t.admit('bob')).commit('s2', fakeSession());
  });
});

describe('HTTP sessions', () => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  async function start(server: Record<string, unknown>): Promise<RunningHttpServer> {
    const config = parseConfig({ packs: [], server: { transport: 'http', port: 0, ...server } });
    host = await createHost({
      config,
      packs: [{ specifier: 'things', enabled: true, optional: false, config: undefined, pack: thingsPack }],
      client: fakeClient(),
      logger: createLogger({ level: 'error', format: 'json', sink: memorySink() }),
    });
    return host.listen();
  }

  async function connect(url: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
    const client = new Client({ name: 't', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(url));
    await client.connect(transport);
    return { client, transport };
  }

  it('answers 503 with Retry-After once server.maxSessions sessions are open', async () => {
    const running = await start({ maxSessions: 2 });
    const open = [await connect(running.url), await connect(running.url)];
    expect(running.sessionCount).toBe(2);
    const response = await postMcp(running.url, INITIALIZE);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await response.text()).toContain('maximum of 2 sessions');
    // A session that ends makes room.
    await open[0]!.transport.terminateSession();
    await open[0]!.client.close();
    const third = await connect(running.url);
    expect((await third.client.listTools()).tools.length).toBe(2);
    expect(running.sessionCount).toBe(2);
  });

  it('releases a session idle for server.sessionIdleMs; its id then gets 404', async () => {
    const running = await start({ sessionIdleMs: 1_000 });
    const { client, transport } = await connect(running.url);
    const id = transport.sessionId;
    expect(running.sessionCount).toBe(1);
    // Bounded wait for the sweep (it runs every idleMs / 2).
    for (let i = 0; i < 100 && running.sessionCount > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(running.sessionCount).toBe(0);
    const response = await fetch(running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': id ?? '',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('initialize a new one');
    await client.close();
  });

  it('closes a session server.sessionMaxAgeMs after it opened, however busy; its id then gets 404', async () => {
    const running = await start({ sessionIdleMs: 60_000, sessionMaxAgeMs: 1_500 });
    const { client, transport } = await connect(running.url);
    const opened = Date.now();
    // A request every 100 ms keeps it from going idle; the lifetime ends it all the same (bounded loop).
    let ended = false;
    for (let i = 0; i < 100 && !ended; i++) {
      ended = await client.listTools().then(
        () => false,
        () => true,
      );
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ended).toBe(true);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(1_500);
    expect(running.sessionCount).toBe(0);
    const response = await fetch(running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': transport.sessionId ?? '',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(response.status).toBe(404);
    await client.close();
  });
});
