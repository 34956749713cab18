import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Sandbox } from '@mcp-panther/sandbox';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  BIN,
  baseEnv,
  connectHttp,
  connectStdio,
  killAll,
  someAlertId,
  startHttp,
  startPanther,
  tempDir,
  writeConfig,
} from './testdata/harness.js';
import { parseMetrics, type ReceivedSpan, sampleSum, startOtlpReceiver } from './testdata/otlpReceiver.js';

// Metrics and traces of the built server: Prometheus scrapes of /metrics after real calls on the sandbox, and
// spans received by an OTLP/HTTP collector stand-in, with the client's trace context from `_meta`.

const AUTH = 'e2e-telemetry-bearer-0123456789abcdef';
const OTLP_SECRET = 'otlp-collector-secret-0123456789';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN_ID = '00f067aa0ba902b7';
const SERVER = 2;
const CLIENT = 3;

let panther: Sandbox;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let alertId: string;

beforeAll(async () => {
  assertBuilt();
  panther = await startPanther();
  receiver = await startOtlpReceiver();
  tmp = await tempDir();
  alertId = await someAlertId(panther);
});
afterEach(async () => {
  await killAll();
});
afterAll(async () => {
  await receiver?.close();
  await panther?.close();
  await tmp?.remove();
});

const env = (extra: Record<string, string> = {}) =>
  baseEnv({
    PANTHER_INSTANCE_URL: panther.url,
    PANTHER_API_TOKEN: panther.tokens.admin,
    // Spans leave the batch every 50 ms instead of every 5 s.
    OTEL_BSP_SCHEDULE_DELAY: '50',
    ...extra,
  });

/** Every secret of the run: the Panther tokens, the MCP bearer token. */
const secrets = (): string[] => [...Object.values(panther.tokens), AUTH];

async function scrape(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { headers });
  return { status: response.status, text: await response.text() };
}

async function httpServer(
  telemetry: unknown,
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; metricsUrl: string; client: Client; stderr: () => string }> {
  const config = await writeConfig(tmp.dir, `telemetry-${Date.now()}.json`, {
    server: { transport: 'streamable-http', host: '127.0.0.1', port: 0, authToken: AUTH },
    telemetry,
  });
  const { url, stderr } = await startHttp(['serve', '--config', config], env(extraEnv));
  const client = await connectHttp(url, { authorization: `Bearer ${AUTH}` });
  return { url, metricsUrl: url.replace(/\/mcp$/, '/metrics'), client, stderr };
}

describe('Prometheus metrics', () => {
  it('counts tool calls, latencies, upstream requests, cache hits and sessions, and shows no token', async () => {
    const { metricsUrl, client } = await httpServer({ metrics: { enabled: true } });
    const before = parseMetrics((await scrape(metricsUrl)).text);

    const first = await client.callTool({ name: 'get_alert', arguments: { alert_id: alertId } });
    const again = await client.callTool({ name: 'get_alert', arguments: { alert_id: alertId } });
    const missing = await client.callTool({
      name: 'get_alert',
      arguments: { alert_id: 'ffffffffffffffffffffffffffffffff' },
    });
    await Promise.all(
      Array.from({ length: 4 }, () => client.callTool({ name: 'list_alerts', arguments: { page_size: 3 } })),
    );
    expect([first.isError, again.isError, missing.isError]).toEqual([undefined, undefined, true]);

    const scraped = await scrape(metricsUrl);
    expect(scraped.status).toBe(200);
    const after = parseMetrics(scraped.text);
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sampleSum(after, name, labels) - sampleSum(before, name, labels);

    const ok = { tool: 'get_alert', profile: '', outcome: 'ok', code: '' };
    expect(moved('mcp_panther_tool_calls_total', ok)).toBe(2);
    expect(moved('mcp_panther_tool_calls_total', { tool: 'get_alert', code: 'NOT_FOUND' })).toBe(1);
    expect(moved('mcp_panther_tool_calls_total', { tool: 'list_alerts', outcome: 'ok' })).toBe(4);
    expect(moved('mcp_panther_tool_call_duration_seconds_count', { tool: 'get_alert', outcome: 'ok' })).toBe(
      2,
    );
    expect(moved('mcp_panther_tool_call_duration_seconds_sum', { tool: 'get_alert' })).toBeGreaterThan(0);
    // The second read of the alert came from the cache; the missing one went out and came back 404.
    expect(
      moved('mcp_panther_upstream_requests_total', { operation: 'GET /alerts/{id}', status: '200' }),
    ).toBe(1);
    expect(
      moved('mcp_panther_upstream_requests_total', { operation: 'GET /alerts/{id}', status: 'NOT_FOUND' }),
    ).toBe(1);
    expect(
      moved('mcp_panther_upstream_request_duration_seconds_count', { operation: 'GET /alerts' }),
    ).toBeGreaterThan(0);
    // Four identical list reads: one went out; the others joined it in flight or read its cached answer.
    expect(moved('mcp_panther_upstream_requests_total', { operation: 'GET /alerts' })).toBe(1);
    expect(moved('mcp_panther_cache_hits_total') + moved('mcp_panther_coalesced_calls_total')).toBe(4);
    expect(sampleSum(after, 'mcp_panther_sessions_active')).toBe(1);
    for (const name of [
      'mcp_panther_rate_limit_waits_total',
      'mcp_panther_part_errors_total',
      'process_resident_memory_bytes',
    ]) {
      expect(after.has(name), name).toBe(true);
    }
    for (const secret of secrets()) expect(scraped.text).not.toContain(secret);
    await client.close();
  });

  it('asks scrapers for the metrics token when one is set, and refuses the MCP token', async () => {
    const metricsToken = 'e2e-metrics-scrape-token-0123456789';
    const { metricsUrl, client } = await httpServer({ metrics: { enabled: true, authToken: metricsToken } });
    const anonymous = await scrape(metricsUrl);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toContain('telemetry.metrics.authToken');
    expect((await scrape(metricsUrl, { authorization: `Bearer ${AUTH}` })).status).toBe(401);
    const allowed = await scrape(metricsUrl, { authorization: `Bearer ${metricsToken}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).not.toContain(metricsToken);
    await client.close();
  });

  it('serves the metrics of a stdio server on a port of its own', async () => {
    const config = await writeConfig(tmp.dir, 'stdio-metrics.json', {
      telemetry: { metrics: { port: 0, processMetrics: false } },
    });
    const server = await connectStdio(['serve', '--config', config], env());
    await server.client.callTool({ name: 'get_alert', arguments: { alert_id: alertId } });
    const line = server
      .stderr()
      .split('\n')
      .find((l) => l.includes('"serving operational routes"'));
    const url = (JSON.parse(line ?? '{}') as { url?: string }).url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const scraped = parseMetrics((await scrape(`${url}/metrics`)).text);
    expect(sampleSum(scraped, 'mcp_panther_tool_calls_total', { tool: 'get_alert', outcome: 'ok' })).toBe(1);
    expect(scraped.has('process_resident_memory_bytes')).toBe(false);
    await server.close();
  });
});

describe('OpenTelemetry traces', () => {
  it('exports a span per tool call, child of the trace in _meta, with a child span per Panther request', async () => {
    const { client } = await httpServer(
      { traces: { endpoint: receiver.url, serviceName: 'mcp-panther-e2e' } },
      { OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${OTLP_SECRET}` },
    );
    const traceparent = `00-${TRACE_ID}-${CLIENT_SPAN_ID}-01`;
    const result = await client.callTool({
      name: 'get_alert',
      arguments: { alert_id: alertId },
      _meta: { traceparent, tracestate: 'vendor=opaque' },
    });
    expect(result.isError).toBeUndefined();
    const missing = await client.callTool({
      name: 'get_alert',
      arguments: { alert_id: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' },
    });
    expect(missing.isError).toBe(true);

    const isToolSpan = (s: ReceivedSpan) => s.name === 'tools/call get_alert' && s.traceId === TRACE_ID;
    await receiver.waitFor((spans) => spans.some(isToolSpan), 'the traced tool-call span');
    const tool = receiver.spans.find(isToolSpan)!;
    expect(tool).toMatchObject({
      parentSpanId: CLIENT_SPAN_ID,
      kind: SERVER,
      serviceName: 'mcp-panther-e2e',
      attributes: {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'get_alert',
        'mcp_panther.pack': 'alerts',
      },
    });
    await receiver.waitFor(
      (spans) => spans.some((s) => s.parentSpanId === tool.spanId),
      'the Panther request span under the tool call',
    );
    const panther = receiver.spans.filter((s) => s.parentSpanId === tool.spanId);
    expect(panther).toHaveLength(1);
    expect(panther[0]).toMatchObject({
      traceId: TRACE_ID,
      name: 'GET /alerts/{id}',
      kind: CLIENT,
      attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 },
    });

    // A call without trace context starts a trace of its own; its failure is on both spans.
    const isFailed = (s: ReceivedSpan) => s.name === 'tools/call get_alert' && s.traceId !== TRACE_ID;
    await receiver.waitFor((spans) => spans.some(isFailed), 'the untraced failing call');
    const failed = receiver.spans.find(isFailed)!;
    expect(failed.parentSpanId).toBeUndefined();
    expect(failed.attributes['error.type']).toBe('NOT_FOUND');
    expect(failed.status?.code).toBe(2);
    await receiver.waitFor(
      (spans) => spans.some((s) => s.parentSpanId === failed.spanId),
      'the failed Panther request span',
    );
    expect(receiver.spans.find((s) => s.parentSpanId === failed.spanId)?.attributes).toMatchObject({
      'http.response.status_code': 404,
      'error.type': 'NOT_FOUND',
    });

    const exported = receiver.bodies.join('\n');
    for (const secret of [...secrets(), OTLP_SECRET]) expect(exported).not.toContain(secret);
    expect(exported).not.toContain(alertId);
    // The collector's credentials from OTEL_EXPORTER_OTLP_HEADERS go in the header, and only there.
    expect(receiver.headers.map((h) => h['authorization'])).toEqual(
      receiver.headers.map(() => `Bearer ${OTLP_SECRET}`),
    );
    await client.close();
  });

  it('keeps serving when the collector is unreachable, and says so once without secrets', async () => {
    const closed = await startOtlpReceiver();
    const deadEndpoint = closed.url;
    await closed.close();
    const { client, stderr } = await httpServer(
      { traces: { endpoint: deadEndpoint } },
      { OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${OTLP_SECRET}` },
    );
    for (let i = 0; i < 3; i += 1) {
      const result = await client.callTool({ name: 'get_alert', arguments: { alert_id: alertId } });
      expect(result.isError).toBeUndefined();
    }
    // Bounded: the exporter retries a refused connection for about 10 s before it gives up; at most 20 s here.
    for (let i = 0; i < 800 && !stderr().includes('trace export failed'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(stderr()).toContain('trace export failed');
    expect(stderr().match(/trace export failed/g)).toHaveLength(1);
    for (const secret of [...secrets(), OTLP_SECRET]) expect(stderr()).not.toContain(secret);
    await client.close();
  });
});

/** Runs the built CLI over stdio with a resolve hook that records every module it imports. */
async function importedModules(telemetry: unknown, extraEnv: Record<string, string> = {}): Promise<string[]> {
  const log = path.join(tmp.dir, `imports-${Date.now()}.log`);
  const hook = path.join(tmp.dir, 'record-imports.mjs');
  await writeConfig(
    tmp.dir,
    'record-imports.mjs',
    [
      "import { register } from 'node:module';",
      `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`)});`,
    ].join('\n'),
  );
  const config = await writeConfig(tmp.dir, `imports-${Date.now()}.json`, { telemetry });
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', pathToFileURL(hook).href, BIN, 'serve', '--config', config],
    {
      env: env({ IMPORT_LOG: log, ...extraEnv }),
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  // Bounded: the server says "ready" within 15 s or the test fails.
  for (let i = 0; i < 300 && !stderr.includes('"ready"'); i += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(stderr).toContain('"ready"');
  child.stdin?.end();
  await new Promise((resolve) =>
    child.exitCode === null ? child.once('exit', resolve) : resolve(undefined),
  );
  return (await readFile(log, 'utf8')).split('\n');
}

/**
 * Which of the telemetry libraries the imported files hold: a module of theirs by its URL, or (in the command's
 * bundle, where they are folded into lazily loaded chunks) by the source paths the bundler notes in each chunk.
 */
async function modulesFrom(
  urls: readonly string[],
): Promise<{ promClient: boolean; openTelemetry: boolean }> {
  const found = { promClient: false, openTelemetry: false };
  for (const url of urls) {
    if (!url.startsWith('file:')) continue;
    const text = url.includes('/bundle/') ? await readFile(new URL(url), 'utf8') : url;
    if (text.includes('prom-client')) found.promClient = true;
    if (text.includes('@opentelemetry')) found.openTelemetry = true;
  }
  return found;
}

const RESOLVE_HOOK = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.IMPORT_LOG, result.url + '\\n');
  return result;
}`;

describe('telemetry off', () => {
  it('loads neither prom-client nor any OpenTelemetry module', async () => {
    const off = await importedModules(undefined);
    expect(
      off.some((url) => url.includes('/packs/') || url.includes('pack-alerts') || url.includes('/bundle/')),
    ).toBe(true);
    expect(await modulesFrom(off)).toEqual({ promClient: false, openTelemetry: false });

    const on = await importedModules(
      { metrics: { enabled: true } },
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' },
    );
    expect(await modulesFrom(on)).toEqual({ promClient: true, openTelemetry: true });
  });
});
