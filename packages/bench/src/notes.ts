/**
 * What the numbers do not say by themselves: where the host's time goes and what stands in the way of a missed
 * target. Worked out with `node --cpu-prof` on the built CLI, module counts from a loader hook, and
 * `node packages/bench/dist/quick.js latency|cold|throughput|memory` (one measure at a time).
 */
import type { Row } from './measures.js';
import { ratio } from './stats.js';

const find = (rows: readonly Row[], measure: string): Row | undefined =>
  rows.find((row) => row.measure === measure);

const ms = (n: number): string => `${Math.round(n).toLocaleString('en-US')} ms`;

export function analysisNotes(rows: readonly Row[]): string[] {
  const notes = [
    'The host runs with `client.requestsPerSecond: 10000` here. Its default limit (20 calls per second with a ' +
      'burst of 20) is deliberate policy towards Panther, not overhead; the bare server has none.',
  ];

  const cold = find(rows, 'cold start to first tools/list (median)');
  if (cold) {
    notes.push(
      `Cold start: the bare server needs ${ms(cold.baseline)} on this machine and the host ` +
        `${ms(Math.abs(cold.value - cold.baseline))} ${cold.value >= cold.baseline ? 'more' : 'less'}. The command runs from its bundle (packages/cli/bundle, built by ` +
        'esbuild): core, the client, the four packs, the SDK, zod and the other dependencies load from a dozen ' +
        'files instead of several hundred separate modules (unbundled, the ratio was 1.3–1.5× in earlier runs; ' +
        `here it is ${ratio(cold.value, cold.baseline).toFixed(2)}×). ` +
        "What remains is the host's own work: building the packs' zod schemas and converting the 36 tool schemas " +
        'to JSON Schema once, tsyringe with reflect-metadata, and two requests (the instance page, then the ' +
        "token's permissions), which run while the packs load. On Node 22.1 and later the command also keeps V8's " +
        'compiled code between runs (module.enableCompileCache); a Node 20 run does not show that.',
    );
    notes.push(
      "Taken off the start-up path (each in a chunk of the bundle loaded on first use): undici and Node's own fetch (REST goes over node:http; undici only with a " +
        'proxy, fetch on the first GraphQL call), graphql-request and graphql (first GraphQL call), cosmiconfig ' +
        '(only for config files other than JSON), semver (plain caret ranges are checked directly), picomatch ' +
        '(only with allow or deny globs), the HTTP ' +
        'transport and hono (only to serve HTTP), a second JSON Schema conversion of every input schema, and an ' +
        'Ajv instance per McpServer. Packs are imported side by side.',
    );
    notes.push(
      '`initialize` is answered once the host is ready. The permission call overlaps pack loading and ends ' +
        'first, so answering `initialize` earlier would not bring the first tools/list forward: tools must be ' +
        "filtered by the token's permissions before they are listed.",
    );
  }

  const httpP50 = find(rows, 'tools/call p50 over http');
  const stdioP50 = find(rows, 'tools/call p50 over stdio');
  if (
    httpP50 &&
    stdioP50 &&
    ratio(httpP50.value, httpP50.baseline) > ratio(stdioP50.value, stdioP50.baseline)
  ) {
    notes.push(
      `tools/call over HTTP (${ratio(httpP50.value, httpP50.baseline).toFixed(2)}× at p50, against ` +
        `${ratio(stdioP50.value, stdioP50.baseline).toFixed(2)}× over stdio; 1.03–1.14× over HTTP across runs): ` +
        'the host spends less CPU per call than the bare server (about 3.0 against 3.3 ms with ' +
        'process.cpuUsage), but its upstream request goes out later. node:http writes a request on ' +
        'process.nextTick, after the microtask queue drains, and over HTTP that queue still holds the SDK and ' +
        'hono building the SSE answer for the same POST: 0.43 ms from http.request() to the socket at p50, ' +
        "against 0.23 ms over stdio. The bare server's fetch writes at dispatch, so that work overlaps the " +
        'upstream wait. fetch for REST would close that gap but loads at start-up (about 40 ms) and costs more ' +
        'per call over stdio; closing it with node:http would take writing requests on the pooled socket directly.',
    );
  }

  const telemetryOn = find(rows, 'tools/call p50 over http, telemetry on (metrics and traces)');
  const cpuOff = find(rows, 'server CPU per tools/call over http, telemetry off');
  const cpuOn = find(rows, 'server CPU per tools/call over http, telemetry on');
  if (telemetryOn && cpuOff && cpuOn) {
    notes.push(
      'Telemetry: off (the default) loads neither prom-client nor the OpenTelemetry SDK and adds no hook or ' +
        'observer, so the plain tools/call rows are its cost. On, with metrics and traces exported to a local ' +
        `collector stand-in: ${ratio(telemetryOn.value, telemetryOn.baseline).toFixed(2)}× the bare server at ` +
        `p50, and ${cpuOn.value.toFixed(2)} ms of server CPU per call against ${cpuOff.value.toFixed(2)} ms ` +
        'with telemetry off (the CPU figures are steadier than wall time on a shared machine). Per call: a ' +
        'counter and a histogram for the tool call and for each Panther request, two spans (the tool call is ' +
        'found again by its request signal in a WeakMap, no AsyncLocalStorage), exported in batches every 5 s.',
    );
  }

  const memory = find(rows, 'resident memory after start');
  if (memory) {
    notes.push(
      `Memory after start: ${memory.value.toFixed(0)} against ${memory.baseline.toFixed(0)} MiB; the ` +
        "difference is the packs' code and zod schemas, core and the client (the sandbox, undici, graphql and " +
        'cosmiconfig are no longer loaded by a server that does not use them).',
    );
  }
  return notes;
}
