/**
 * Inputs that cannot confuse, across every tool of the four first-party packs. The advertised schemas bound
 * every string and array; and through the real host (SDK client, in-memory transport, a fake Panther), a lone
 * surrogate, an over-long string, too many items or a date Date.parse would guess at is refused by the schema with
 * an error naming the argument, before anything reaches Panther.
 */
import type { AnyTool } from '@mcp-panther/core';
import { createTestHost, type TestHost, toolListEntry } from '@mcp-panther/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PACKS, fullAccessPanther } from './testdata/allPacks.js';

const TOOLS: readonly AnyTool[] = ALL_PACKS.flatMap((pack) => pack.tools);

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
};

/** A free string input (not an enum) of a tool: where it is, and its bound. */
interface StringInput {
  /** The argument path as the host names it: `alert_id`, `alert_ids[0]`. */
  readonly path: string;
  readonly maxLength: number | undefined;
  /** The argument to send with `value` in this place. */
  readonly args: (value: string) => Record<string, unknown>;
}

const isString = (s: Schema) => (Array.isArray(s.type) ? s.type.includes('string') : s.type === 'string');
const isFree = (s: Schema) => isString(s) && s.enum === undefined && s.const === undefined;

function properties(tool: AnyTool): [string, Schema][] {
  return Object.entries((toolListEntry(tool).inputSchema as Schema).properties ?? {});
}

function stringInputs(tool: AnyTool): StringInput[] {
  return properties(tool).flatMap(([name, schema]): StringInput[] => {
    if (isFree(schema)) return [{ path: name, maxLength: schema.maxLength, args: (v) => ({ [name]: v }) }];
    if (schema.type === 'array' && schema.items && isFree(schema.items)) {
      const items = schema.items;
      return [{ path: `${name}[0]`, maxLength: items.maxLength, args: (v) => ({ [name]: [v] }) }];
    }
    return [];
  });
}

const arrays = (tool: AnyTool) => properties(tool).filter(([, schema]) => schema.type === 'array');
const DATE_ARGS = new Set(['start_date', 'end_date']);

let host: TestHost;
let upstreamCalls: () => number;
beforeAll(async () => {
  const fake = fullAccessPanther();
  host = await createTestHost({
    packs: ALL_PACKS,
    panther: { client: fake.client },
    policy: { mode: 'read-write' },
  });
  const atStart = fake.calls.length;
  upstreamCalls = () => fake.calls.length - atStart;
});
afterAll(async () => {
  await host?.close();
});

/** Calls a tool and returns its error text; fails when the call succeeds or the error is not the schema's. */
async function refusal(tool: string, args: Record<string, unknown>): Promise<string> {
  const before = upstreamCalls();
  const result = await host.call(tool, args);
  const text = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
  expect(result.isError, `${tool} ${JSON.stringify(args).slice(0, 80)} should fail: ${text}`).toBe(true);
  expect(text).toMatch(new RegExp(`^Invalid arguments for ${tool}: `));
  expect(text).not.toMatch(/internal error|stack|\bat \w+ \(/i);
  expect(upstreamCalls(), `${tool} sent something to Panther`).toBe(before);
  return text;
}

describe('every tool input', () => {
  it('covers the 37 tools and their string inputs', () => {
    expect(TOOLS).toHaveLength(37);
    expect(TOOLS.flatMap(stringInputs).length).toBeGreaterThan(40);
  });

  it('bounds every string with maxLength and every array with maxItems in the advertised schema', () => {
    const unbounded = TOOLS.flatMap((tool) => [
      ...stringInputs(tool)
        .filter((input) => input.maxLength === undefined)
        .map((input) => `${tool.name}.${input.path} has no maxLength`),
      ...arrays(tool)
        .filter(([, schema]) => schema.maxItems === undefined)
        .map(([name]) => `${tool.name}.${name} has no maxItems`),
    ]);
    expect(unbounded).toEqual([]);
  });

  it('refuses a lone surrogate in any string, naming the argument', async () => {
    for (const tool of TOOLS) {
      for (const input of stringInputs(tool)) {
        const text = await refusal(tool.name, input.args('x\uD800y'));
        expect(text, `${tool.name}.${input.path}`).toContain(`${input.path} `);
      }
    }
  });

  it('refuses a string one character over its bound, naming the argument and the bound', async () => {
    for (const tool of TOOLS) {
      for (const input of stringInputs(tool)) {
        const limit = input.maxLength ?? 100_000;
        const text = await refusal(tool.name, input.args('A'.repeat(limit + 1)));
        expect(text, `${tool.name}.${input.path}`).toContain(
          `${input.path} must be at most ${limit} characters`,
        );
      }
    }
  });

  it('refuses one item more than an array allows, naming the argument and the bound', async () => {
    for (const tool of TOOLS) {
      for (const [name, schema] of arrays(tool)) {
        const limit = schema.maxItems ?? 1000;
        const item = schema.items?.enum?.[0] ?? 'a1';
        const text = await refusal(tool.name, { [name]: Array.from({ length: limit + 1 }, () => item) });
        expect(text, `${tool.name}.${name}`).toContain(`${name} must have at most ${limit} items`);
      }
    }
  });

  it('refuses dates that are not ISO-8601, naming the argument and the form expected', async () => {
    const dated = TOOLS.filter((tool) => properties(tool).some(([name]) => DATE_ARGS.has(name)));
    expect(dated.map((tool) => tool.name).sort()).toEqual([
      'get_alert_event_stats',
      'get_bytes_processed_per_log_type_and_source',
      'get_rule_alert_metrics',
      'get_severity_alert_metrics',
      'list_alerts',
    ]);
    for (const tool of dated) {
      for (const value of ["' OR '1'='1", '2001', 'May 1, 2024', '2024-02-30', '1714557600']) {
        const text = await refusal(tool.name, { start_date: value, alert_ids: ['a1'] });
        expect(text, `${tool.name} ${value}`).toContain(
          'start_date expected an ISO-8601 date-time such as 2024-05-01T00:00:00Z',
        );
      }
    }
  });
});
