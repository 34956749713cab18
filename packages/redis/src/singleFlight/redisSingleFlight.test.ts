import { describeWithPrograms } from '@mcp-panther/test-programs';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type GatedFlight, startGatedFlight } from '../testdata/gatedFlight.js';
import { deferred, type Replica, startReplica, until } from '../testdata/harness.js';
import { type RedisServer, startRedisServer } from '../testing/redisServer.js';

const KEY = 'graphql:ListAlerts:{"status":"OPEN"}';
const TAGS = ['alerts'];

/** A fake upstream whose calls wait on a gate (so that the test decides when they finish) and are counted. */
function upstream(answer: (call: number) => unknown = () => ({ alerts: [{ id: 'a1' }] })) {
  const gate = deferred();
  const state = { calls: 0 };
  const start = async (shared: AbortSignal) => {
    state.calls += 1;
    const call = state.calls;
    await Promise.race([
      gate.promise,
      new Promise((_, reject) =>
        shared.addEventListener('abort', () => reject(shared.reason), { once: true }),
      ),
    ]);
    const value = answer(call);
    if (value instanceof Error) throw value;
    return value;
  };
  return { start, state, release: () => gate.resolve() };
}

describeWithPrograms(['redis-server'], 'Redis single-flight', () => {
  let server: RedisServer;
  let inspect: Redis;
  let replicas: Replica[] = [];
  let gated: GatedFlight[] = [];
  let namespaces = 0;

  const start = async (count: number, leaseMs?: number) => {
    const namespace = `flight-${++namespaces}`;
    const started = await Promise.all(
      Array.from({ length: count }, () =>
        startReplica(server.url, {
          namespace,
          ...(leaseMs === undefined ? {} : { singleFlightLeaseMs: leaseMs }),
        }),
      ),
    );
    replicas.push(...started);
    return { flights: started.map((replica) => replica.parts.singleFlight), namespace };
  };
  const following = () => replicas.reduce((sum, replica) => sum + replica.parts.stats().following, 0);

  beforeAll(async () => {
    server = await startRedisServer();
    inspect = new Redis(server.url);
  });
  afterEach(async () => {
    await Promise.all([...replicas.map((replica) => replica.parts.close()), ...gated.map((g) => g.close())]);
    replicas = [];
    gated = [];
  });
  afterAll(async () => {
    inspect.disconnect();
    await server.stop();
  });

  it('makes one upstream call for 60 identical concurrent reads spread over three replicas', async () => {
    const { flights } = await start(3);
    const up = upstream();
    const runs = Array.from({ length: 60 }, (_, i) =>
      flights[i % 3]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start),
    );
    // Every other replica is waiting on the leader before its call ends.
    await until(() => following() === 2, 'two replicas follow the leader');
    up.release();
    const results = await Promise.all(runs);
    expect(up.state.calls).toBe(1);
    expect(results.map((r) => r.value)).toEqual(
      Array.from({ length: 60 }, () => ({ alerts: [{ id: 'a1' }] })),
    );
    expect(results.filter((r) => !r.joined)).toHaveLength(1);
    expect(replicas.map((r) => r.parts.stats().leads).reduce((a, b) => a + b)).toBe(1);
    expect(replicas.map((r) => r.parts.stats().remoteJoins).reduce((a, b) => a + b)).toBe(2);
    expect(replicas.map((r) => r.local.counts.flights)).toEqual([1, 1, 1]);
  });

  it('hands the call to a follower when the leader fails, and the followers get its value', async () => {
    const { flights } = await start(3);
    const up = upstream((call) => (call === 1 ? new Error('upstream 503') : { alerts: [] }));
    const lead = flights[0]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start);
    await until(() => up.state.calls === 1, 'the leader calls upstream');
    const follow = [1, 2].map((i) =>
      flights[i]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start),
    );
    await until(() => following() === 2, 'two replicas follow');
    up.release();
    await expect(lead).rejects.toThrow('upstream 503');
    const results = await Promise.all(follow);
    expect(results.map((r) => r.value)).toEqual([{ alerts: [] }, { alerts: [] }]);
    expect(up.state.calls).toBe(2);
  });

  it("sends a follower slower than the successor's whole call to the successor's value, not upstream", async () => {
    const { flights, namespace } = await start(2);
    const slow = await startGatedFlight(server.url, namespace);
    gated.push(slow);
    const up = upstream((call) => (call === 1 ? new Error('upstream 503') : { alerts: [] }));
    const signal = () => new AbortController().signal;
    const lead = flights[0]!.run(KEY, { tags: TAGS, signal: signal() }, up.start);
    await until(() => up.state.calls === 1, 'the leader calls upstream');
    const quick = flights[1]!.run(KEY, { tags: TAGS, signal: signal() }, up.start);
    const late = slow.flight.run(KEY, { tags: TAGS, signal: signal() }, up.start);
    await until(() => following() + slow.flight.stats.following === 2, 'two replicas follow');
    // The leader fails; one follower takes over and its call ends at once, while the other is starved.
    slow.hold();
    up.release();
    await expect(lead).rejects.toThrow('upstream 503');
    expect(await quick).toEqual({ value: { alerts: [] }, joined: false });
    slow.release();
    expect(await late).toEqual({ value: { alerts: [] }, joined: true });
    expect(up.state.calls).toBe(2);
  });

  it("never fails other replicas when the leader's callers all leave", async () => {
    const { flights } = await start(3);
    const up = upstream();
    const leaving = new AbortController();
    const lead = flights[0]!.run(KEY, { tags: TAGS, signal: leaving.signal }, up.start);
    await until(() => up.state.calls === 1, 'the leader calls upstream');
    const follow = [1, 2].map((i) =>
      flights[i]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start),
    );
    await until(() => following() === 2, 'two replicas follow');
    leaving.abort(new Error('client went away'));
    await expect(lead).rejects.toThrow('client went away');
    // One follower leads in its place; release its upstream call.
    await until(() => up.state.calls === 2, 'a follower takes over');
    up.release();
    const results = await Promise.all(follow);
    expect(results.map((r) => r.value)).toEqual([{ alerts: [{ id: 'a1' }] }, { alerts: [{ id: 'a1' }] }]);
    expect(up.state.calls).toBe(2);
  });

  it("never fails the leader or other followers when one follower's caller leaves", async () => {
    const { flights } = await start(3);
    const up = upstream();
    const lead = flights[0]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start);
    await until(() => up.state.calls === 1, 'the leader calls upstream');
    const leaving = new AbortController();
    const gone = flights[1]!.run(KEY, { tags: TAGS, signal: leaving.signal }, up.start);
    const stays = flights[2]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start);
    await until(() => following() === 2, 'two replicas follow');
    leaving.abort(new Error('model cancelled'));
    await expect(gone).rejects.toThrow('model cancelled');
    up.release();
    expect((await lead).value).toEqual({ alerts: [{ id: 'a1' }] });
    expect(await stays).toEqual({ value: { alerts: [{ id: 'a1' }] }, joined: true });
    expect(up.state.calls).toBe(1);
  });

  it('runs the call itself once the lease of a vanished leader ends', async () => {
    const { flights, namespace } = await start(1, 200);
    // A leader that took the lease and died: nobody renews it and no outcome will come.
    const lease = `mcp-panther:{${namespace}}:sf:l:#${await sha256(KEY)}`;
    await inspect.set(lease, 'dead-leader', 'PX', 200);
    const up = upstream();
    up.release();
    const result = await flights[0]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start);
    expect(result).toEqual({ value: { alerts: [{ id: 'a1' }] }, joined: false });
    expect(up.state.calls).toBe(1);
    expect(replicas[0]!.parts.stats().leads).toBe(1);
  });

  it('keeps the lease while a slow leader works, so followers keep waiting for it', async () => {
    // A lease long enough that a machine starved of CPU still renews it in time (renewals every 400 ms).
    const { flights, namespace } = await start(2, 1200);
    const lease = `mcp-panther:{${namespace}}:sf:l:#${await sha256(KEY)}`;
    const up = upstream();
    const lead = flights[0]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start);
    await until(() => up.state.calls === 1, 'the leader calls upstream');
    const follow = flights[1]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start);
    await until(() => following() === 1, 'the other replica follows');
    // The leader renews its lease while it works: its time to live goes back up, twice.
    let renewals = 0;
    let last = await inspect.pttl(lease);
    for (let i = 0; i < 500 && renewals < 2; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const ttl = await inspect.pttl(lease);
      if (ttl > last) renewals += 1;
      last = ttl;
    }
    expect(renewals).toBe(2);
    up.release();
    await lead;
    expect(await follow).toEqual({ value: { alerts: [{ id: 'a1' }] }, joined: true });
    expect(up.state.calls).toBe(1);
  });

  it('starts a fresh flight for reads after forget(tags), instead of joining one begun before a write', async () => {
    const { flights } = await start(3);
    const up = upstream((call) => ({ version: call }));
    const before = flights[0]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start);
    await until(() => up.state.calls === 1, 'the first read calls upstream');
    await flights[2]!.forget(TAGS);
    const after = flights[1]!.run(KEY, { tags: TAGS, signal: new AbortController().signal }, up.start);
    await until(() => up.state.calls === 2, 'the later read calls upstream itself');
    up.release();
    expect((await before).value).toEqual({ version: 1 });
    expect(await after).toEqual({ value: { version: 2 }, joined: false });
  });
});

async function sha256(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('base64url');
}
