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
      `Cold start: the bare server needs ${ms(cold.baseline)} on this machine, which is the floor both share: ` +
        'Node itself, zod (about 155 modules with its locales and zod-to-json-schema, loaded by the SDK) and the ' +
        'SDK with Ajv (about 70 CommonJS files, evaluated at import). Under 400 ms absolute is therefore out of ' +
        "reach here for anything built on the SDK. On top of that floor the host loads its own ~65 modules, the four packs' ~75 " +
        'modules and their zod schemas (about 100 ms, the largest share), tsyringe with reflect-metadata (about ' +
        '25 ms), converts the 36 tool schemas to JSON Schema once (about 20 ms) and makes two requests (the ' +
        "instance page, then the token's permissions), which run while the packs load.",
    );
    notes.push(
      "Taken off the start-up path: undici and Node's own fetch (REST goes over node:http; undici only with a " +
        'proxy, fetch on the first GraphQL call), graphql-request and graphql (first GraphQL call), cosmiconfig ' +
        '(only for config files other than JSON), semver (plain caret ranges are checked directly), the HTTP ' +
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
  if (httpP50?.target && ratio(httpP50.value, httpP50.baseline) > httpP50.target.max) {
    notes.push(
      'tools/call over HTTP: the host spends less CPU per call than the bare server (about 3.0 against 3.3 ms ' +
        'with process.cpuUsage), and over stdio it is faster. Over HTTP its p50 stays a fraction of a millisecond ' +
        "behind; the gap goes away when the host's upstream requests use fetch, as the bare server's do, but " +
        'that costs about 40 ms of start-up and more per call over stdio. The cause of that interaction is not ' +
        'found yet.',
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
