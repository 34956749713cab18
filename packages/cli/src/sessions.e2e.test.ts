import { Agent, request } from 'node:http';
import type { Sandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  baseEnv,
  killAll,
  startHttp,
  startPanther,
  tempDir,
  writeConfig,
} from './testdata/harness.js';

// Sessions opened and abandoned by the thousand against the built server: the caps answer clearly, idle sessions
// are reclaimed, and memory comes back. Memory is read after a full garbage collection: the server runs with
// --expose-gc and a preloaded hook that collects and prints process.memoryUsage() on SIGUSR2 (V8 collects lazily
// when idle, so without it the figures would say when V8 last ran, not what is retained). The young generation is
// given its full size from the start (--min-semi-space-size = --max-semi-space-size = 16 MB, V8's own maximum
// here): otherwise V8 grows it once under traffic and keeps it, and the figure after start would leave out a buffer
// every busy server has.

const LOAD_TOKEN = 'load-static-token-0123456789abcdef';
const OTHER_TOKEN = 'other-static-token-0123456789abcd';
const GC_HOOK = `
import { getHeapSpaceStatistics } from 'node:v8';
process.on('SIGUSR2', () => {
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]));
  process.stderr.write(JSON.stringify({ msg: 'test-memory', rss, heapUsed, spaces }) + '\\n');
});
`;

let panther: Sandbox;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let hookFile: string;
beforeAll(async () => {
  assertBuilt();
  [panther, tmp] = await Promise.all([startPanther(), tempDir()]);
  hookFile = await writeConfig(tmp.dir, 'gc-hook.mjs', GC_HOOK);
});
afterEach(async () => {
  await killAll();
});
afterAll(async () => {
  await panther?.close();
  await tmp?.remove();
});

interface Server {
  readonly url: string;
  /** Memory after full collections, once the resident size has settled. */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  /** How many sessions the server has logged as opened and as expired. */
  counts(): { opened: number; expired: number };
}

async function startServer(name: string, server: Record<string, unknown>): Promise<Server> {
  const configFile = await writeConfig(tmp.dir, `${name}.json`, {
    server: {
      transport: 'http',
      port: 0,
      ...server,
      auth: {
        tokens: [
          { name: 'load', tokenEnv: 'LOAD_TOKEN', profile: 'load' },
          { name: 'other', tokenEnv: 'OTHER_TOKEN', profile: 'load' },
        ],
      },
    },
    profiles: { load: {} },
  });
  const child = await startHttp(
    ['--config', configFile],
    baseEnv({
      LOG_LEVEL: 'debug',
      NODE_OPTIONS: `--expose-gc --import ${hookFile}`,
      PANTHER_INSTANCE_URL: panther.url,
      PANTHER_API_TOKEN: panther.tokens.analyst,
      LOAD_TOKEN,
      OTHER_TOKEN,
    }),
    15_000,
    ['--min-semi-space-size=16', '--max-semi-space-size=16'],
  );
  // Counted as the lines arrive (the log holds two lines per session).
  const counts = { opened: 0, expired: 0 };
  const memoryLines: string[] = [];
  let partial = '';
  child.process.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('"http session opened"')) counts.opened++;
      else if (line.includes('"http session expired"')) counts.expired++;
      else if (line.includes('"test-memory"')) memoryLines.push(line);
    }
  });
  return {
    url: child.url,
    async memory() {
      // Collect until the resident size settles: V8 hands freed pages back to the system in the background, over
      // a few hundred milliseconds after a collection.
      const collect = async () => {
        const before = memoryLines.length;
        child.process.kill('SIGUSR2');
        for (let i = 0; i < 100 && memoryLines.length === before; i++) await sleep(20);
        return JSON.parse(memoryLines.at(-1)!) as { rss: number; heapUsed: number };
      };
      let last = await collect();
      for (let round = 0; round < 10; round++) {
        await sleep(300);
        const next = await collect();
        const settled = Math.abs(next.rss - last.rss) < last.rss * 0.01;
        last = next;
        if (settled) break;
      }
      return last;
    },
    counts: () => ({ ...counts }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'load', version: '1' } },
});

/** Opens a session and abandons it (never closes it, never uses it again). */
function initialize(
  url: string,
  agent: Agent,
  token: string,
): Promise<{ status: number; retryAfter: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers['retry-after'] ?? 0), body }),
        );
      },
    );
    req.on('error', reject);
    req.end(INITIALIZE);
  });
}

/** Opens `count` sessions with `concurrency` workers; a 503 is retried after its Retry-After. */
async function openSessions(url: string, count: number, concurrency: number): Promise<{ refused: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let started = 0;
  let refused = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      for (let attempt = 0; ; attempt++) {
        const answer = await initialize(url, agent, LOAD_TOKEN);
        if (answer.status === 200) break;
        expect(answer.status).toBe(503);
        expect(attempt).toBeLessThan(10);
        refused++;
        await sleep(answer.retryAfter * 1000);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { refused };
}

async function waitForReclaim(server: Server, idleMs: number): Promise<void> {
  // Each session expires idleMs after its last request; the sweep runs every idleMs / 2. Bounded wait.
  for (let i = 0; i < 100; i++) {
    const { opened, expired } = server.counts();
    if (opened > 0 && expired === opened) return;
    await sleep(idleMs / 10);
  }
  const { opened, expired } = server.counts();
  expect(expired).toBe(opened);
}

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

describe('sessions opened and abandoned', () => {
  it('the caps answer clearly (503 for the server, 429 for one caller, each with Retry-After) until idle sessions are reclaimed', async () => {
    const server = await startServer('caps', {
      maxSessions: 40,
      maxSessionsPerCaller: 30,
      sessionIdleMs: 3_000,
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const first = await Promise.all(
        Array.from({ length: 30 }, () => initialize(server.url, agent, LOAD_TOKEN)),
      );
      expect(first.map((a) => a.status)).toEqual(Array(30).fill(200));
      const overCaller = await initialize(server.url, agent, LOAD_TOKEN);
      expect(overCaller.status).toBe(429);
      expect(overCaller.retryAfter).toBeGreaterThanOrEqual(1);
      expect(overCaller.body).toContain('you hold your maximum of 30 open sessions (maxSessionsPerCaller)');

      const others = await Promise.all(
        Array.from({ length: 15 }, () => initialize(server.url, agent, OTHER_TOKEN)),
      );
      expect(others.filter((a) => a.status === 200)).toHaveLength(10);
      const overServer = others.filter((a) => a.status === 503);
      expect(overServer).toHaveLength(5);
      for (const answer of overServer) {
        expect(answer.retryAfter).toBeGreaterThanOrEqual(1);
        expect(answer.retryAfter).toBeLessThanOrEqual(3);
        expect(answer.body).toContain('the server holds its maximum of 40 sessions (server.maxSessions)');
      }

      await waitForReclaim(server, 3_000);
      expect(server.counts()).toEqual({ opened: 40, expired: 40 });
      expect((await initialize(server.url, agent, LOAD_TOKEN)).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('10,000 sessions opened and abandoned are all reclaimed, and memory comes back', async () => {
    const idleMs = 1_000;
    const server = await startServer('soak', {
      maxSessions: 2_000,
      maxSessionsPerCaller: 2_000,
      sessionIdleMs: idleMs,
    });
    // Start-up ends with the first sessions: the modules and code a request needs load on first use.
    await openSessions(server.url, 500, 8);
    await waitForReclaim(server, idleMs);
    const afterStart = await server.memory();
    const started = performance.now();
    const { refused } = await openSessions(server.url, 10_000, 32);
    const seconds = (performance.now() - started) / 1000;
    await waitForReclaim(server, idleMs);
    expect(server.counts()).toEqual({ opened: 10_500, expired: 10_500 });
    const after = await server.memory();

    const figures = {
      'rss after start and 500 sessions (MB)': mb(afterStart.rss),
      'rss after 10,000 sessions, reclaimed (MB)': mb(after.rss),
      'live heap after start and 500 sessions (MB)': mb(afterStart.heapUsed),
      'live heap after 10,000 sessions (MB)': mb(after.heapUsed),
      'sessions a second': Math.round(10_000 / seconds),
      'refused (503, retried)': refused,
    };
    console.log(JSON.stringify(figures));
    const detail = JSON.stringify({ figures, afterStart, after });
    expect(after.rss / afterStart.rss, detail).toBeLessThan(1.2);
    // What is live after 10,000 abandoned sessions is what was live after start, give or take compiled code.
    expect(after.heapUsed / afterStart.heapUsed, detail).toBeLessThan(1.2);
  }, 180_000);
});
