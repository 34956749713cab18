import { adminPack } from '@mcp-panther/pack-admin';
import { alertsPack } from '@mcp-panther/pack-alerts';
import { datalakePack } from '@mcp-panther/pack-datalake';
import { detectionsPack } from '@mcp-panther/pack-detections';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll } from './testdata/harness.js';
import {
  type ProbeServer,
  type ProbeTarget,
  startProbeServer,
  startProbeTarget,
  textOf,
} from './testdata/probeServer.js';
import { argumentsArbitrary, type JsonSchema } from './testdata/schemaArbitrary.js';

// A property-based fuzz of every tool's input schema against the built server (read-write, over stdio) and the
// sandbox. Seeded and a fixed number of inputs per tool, so every run tries the same inputs.
// Asserted for every input: an answer (no hang, no protocol error), no internal error, every input error names
// an argument, and the API token never in the answer. The server must still serve afterwards.

const SEED = 11_2024;
const RUNS_PER_TOOL = Number(process.env['FUZZ_RUNS'] ?? 60);

type Outcome =
  | 'ok'
  | 'input-error'
  | 'not-found'
  | 'upstream-error'
  | 'internal-error'
  | 'unnamed-input-error'
  | 'token-leak'
  | 'protocol-error';

interface ToolFigures {
  tool: string;
  inputs: number;
  outcomes: Partial<Record<Outcome, number>>;
  failures: { args: string; text: string; outcome: Outcome }[];
}

const FAILURES: readonly Outcome[] = [
  'internal-error',
  'unnamed-input-error',
  'token-leak',
  'protocol-error',
];

let target: ProbeTarget;
let server: ProbeServer;
const TOOL_NAMES = [alertsPack, datalakePack, detectionsPack, adminPack].flatMap((pack) =>
  pack.tools.map((tool) => tool.name),
);
const schemas = new Map<string, JsonSchema>();
const figures: ToolFigures[] = [];

beforeAll(async () => {
  target = await startProbeTarget();
  server = await startProbeServer(target, {
    mode: 'read-write',
    client: { timeoutMs: 10_000, maxRetries: 0 },
  });
  for (const tool of (await server.client.listTools()).tools) {
    schemas.set(tool.name, tool.inputSchema as JsonSchema);
  }
});
afterAll(async () => {
  const total = figures.reduce((n, f) => n + f.inputs, 0);
  const summary: Partial<Record<Outcome, number>> = {};
  for (const f of figures)
    for (const [k, v] of Object.entries(f.outcomes)) summary[k as Outcome] = (summary[k as Outcome] ?? 0) + v;
  console.log(`fuzz: ${figures.length} tools, ${total} inputs`, JSON.stringify(summary));
  await server?.close();
  await killAll();
  await target?.close();
});

/** The argument names an error may use: each name, and its stem without `_id`/`_ids` (`assignee` for `assignee_id`). */
function names(schema: JsonSchema, args: Record<string, unknown>): string[] {
  const all = [...Object.keys(schema.properties ?? {}), ...Object.keys(args)];
  return [
    ...new Set([...all, ...all.map((name) => name.replace(/_ids?$/, '')).filter((stem) => stem.length > 2)]),
  ];
}

function classify(
  tool: string,
  schema: JsonSchema,
  args: Record<string, unknown>,
  text: string,
  isError: boolean,
): Outcome {
  if (text.includes(target.apiKey)) return 'token-leak';
  if (!isError) return 'ok';
  if (/internal error/i.test(text)) return 'internal-error';
  const failedUpstream = text.startsWith(`${tool} failed: `);
  if (failedUpstream && /Not found in Panther/.test(text)) return 'not-found';
  // Refused by the host or a handler, refused by the client before sending, or a 400-class answer to the input.
  const inputError =
    !failedUpstream ||
    /Request not sent to Panther|Panther rejected the request|Panther failed \(4\d\d\)/.test(text);
  if (!inputError) return 'upstream-error';
  const lower = text.toLowerCase();
  return names(schema, args).some((name) => lower.includes(name.toLowerCase()))
    ? 'input-error'
    : 'unnamed-input-error';
}

describe('fuzz of every tool input schema', () => {
  it('covers all 37 tools, as the server lists them', () => {
    expect(TOOL_NAMES).toHaveLength(37);
    expect([...schemas.keys()].sort()).toEqual([...TOOL_NAMES].sort());
  });

  it.each(TOOL_NAMES)(`%s: ${RUNS_PER_TOOL} seeded inputs`, async (name) => {
    const index = TOOL_NAMES.indexOf(name);
    const schema = schemas.get(name);
    if (schema === undefined) throw new Error(`the server does not list ${name}`);
    const tool = { name, inputSchema: schema };
    const inputs = fc.sample(argumentsArbitrary(schema), { seed: SEED + index, numRuns: RUNS_PER_TOOL });
    const result: ToolFigures = { tool: tool.name, inputs: 0, outcomes: {}, failures: [] };
    figures.push(result);
    for (const args of inputs) {
      result.inputs++;
      let outcome: Outcome;
      let text: string;
      try {
        const answer = await server.call(tool.name, args);
        text = textOf(answer);
        outcome = classify(tool.name, tool.inputSchema, args, text, answer.isError === true);
      } catch (error) {
        text = String(error);
        outcome = 'protocol-error';
      }
      result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
      if (FAILURES.includes(outcome)) {
        result.failures.push({
          args: JSON.stringify(args).slice(0, 200),
          text: text.slice(0, 300),
          outcome,
        });
      }
    }
    expect(result.failures, `${tool.name}: ${JSON.stringify(result.failures.slice(0, 5), null, 1)}`).toEqual(
      [],
    );
  });

  it('still serves after the fuzz, and never logged the API token', async () => {
    const answer = await server.call('list_alerts', {});
    expect(answer.isError, textOf(answer)).toBeFalsy();
    expect(server.stderr()).not.toContain(target.apiKey);
  });
});
