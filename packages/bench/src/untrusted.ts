/**
 * Data from Panther is attacker-written: the fence measured. Through the built server on the sandbox with its
 * adversarial corpus: the share of payloads whose hidden part reaches the model as visible escapes, and the
 * payloads flagged. In process: the detector's recall on the corpus and its false positives on the normal data.
 * And the cost: characters per answer with the fence on against off on the nine answer scenarios, and the CPU
 * time of fencing each answer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeHidden, fenceValue, valueAtPath } from '@mcp-panther/core';
import {
  ADVERSARIAL_PAYLOADS,
  adversarialCorpus,
  type SeededPayload,
  startSandbox,
} from '@mcp-panther/sandbox';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type AnswerRow, answerSizes, SCENARIOS, scenarioIds } from './answers.js';
import { type FalsePositives, falsePositivesOn, type Recall, recallOn } from './injection.js';
import { sandboxApi } from './sandboxApi.js';
import { median } from './stats.js';
import { connectStdio, cpuMs, type StdioTarget } from './targets.js';

const META = 'mcp-panther/untrusted';
const SEED = 1;
/** What must not reach the model raw (escapeHidden's classes that the corpus uses). */
const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what must not leave
  /[\u{E0000}-\u{E007F}\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060-\u2064\uFEFF\u061C\u00AD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uFE00-\uFE0D]|[\u{E0100}-\u{E01EF}]/u;
const ESCAPE = /\[U\+[0-9A-F]{4,6}\]/g;

export interface SizeRow {
  readonly label: string;
  /** One of the nine scenarios with a target. */
  readonly counted: boolean;
  /** Characters the model reads with `policy.untrusted` off, and with the defaults (on). */
  readonly off: number;
  readonly on: number;
  /** Characters of `_meta` with the defaults (the untrusted paths; clients, not the model, read it). */
  readonly meta: number;
  /** Microseconds of `fenceValue` (escape and flag) on the answer's structured value, median of the runs. */
  readonly fenceMicros: number;
}

export interface UntrustedFigures {
  /** Payloads with hidden code points, and those whose hidden part reached the model as escapes. */
  readonly hidden: {
    readonly payloads: number;
    readonly visible: number;
    readonly missed: readonly string[];
  };
  /** Payloads named among the flagged paths of the result that holds them, through the server. */
  readonly served: { readonly dev: Recall; readonly heldout: Recall };
  /** The detector alone on each payload's text, in process. */
  readonly detector: { readonly dev: Recall; readonly heldout: Recall };
  readonly normal: FalsePositives;
  readonly sizes: readonly SizeRow[];
  /** The server's CPU time per call over the answer scenarios, fence off and on, measured in the same run. */
  readonly serverCpu: CpuPerCall;
  /** fenceValue on the result holding each corpus alert's events (the worst answers), microseconds. */
  readonly adversarialMicros: readonly {
    readonly label: string;
    readonly chars: number;
    readonly micros: number;
  }[];
}

export interface CpuPerCall {
  readonly calls: number;
  /** Milliseconds of the server process's CPU (user + system) per call, with `policy.untrusted` off and on. */
  readonly offMs: number;
  readonly onMs: number;
}

/** The call that returns a payload through the server. */
function callFor(payload: SeededPayload): { name: string; arguments: Record<string, unknown> } {
  switch (payload.carrier) {
    case 'okta.alternateId':
      return { name: 'get_alert', arguments: { alert_id: payload.alertId } };
    case 'alert.comment':
      return { name: 'list_alert_comments', arguments: { alert_id: payload.alertId, limit: 50 } };
    case 'cloudtrail.objectKey':
      return {
        name: 'query_data_lake',
        arguments: {
          sql: `SELECT * FROM panther_logs.public.${payload.table} WHERE p_occurs_since('14 d') AND p_row_id = '${payload.rowId}'`,
        },
      };
    case 'user.displayName':
      return { name: 'get_user', arguments: { user_id: payload.userId } };
    case 'source.label':
      return { name: 'list_log_sources', arguments: {} };
    default:
      return { name: 'get_alert_events', arguments: { alert_id: payload.alertId, limit: 50 } };
  }
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) strings(item, out);
  return out;
}

interface Served {
  readonly hiddenVisible: boolean;
  readonly flagged: boolean;
}

/** Reads a payload through the server: is its hidden part shown as escapes, and is it among the flagged paths? */
async function served(client: Client, payload: SeededPayload): Promise<Served> {
  const result = await client.callTool(callFor(payload));
  const shown = payload.text.replace(new RegExp(HIDDEN.source, 'gu'), '');
  const expected = escapeHidden(payload.text);
  const texts = strings(result['structuredContent']);
  const fence = (result['_meta']?.[META] ?? { flagged: [] }) as { flagged: { path: string }[] };
  return {
    hiddenVisible: !HIDDEN.test(JSON.stringify(result)) && texts.some((text) => text.includes(expected)),
    flagged: fence.flagged.some((f) =>
      String(valueAtPath(result['structuredContent'], f.path) ?? '')
        .replace(ESCAPE, '')
        .includes(shown),
    ),
  };
}

function recall(payloads: readonly SeededPayload[], found: ReadonlySet<string>): Recall {
  const missed = payloads.filter((p) => !found.has(p.id)).map((p) => p.id);
  return { found: payloads.length - missed.length, total: payloads.length, missed };
}

/** Microseconds of fencing one value (escape and flag), the median of `runs`. */
function fenceMicros(value: unknown, toolNames: readonly string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fenceValue(value, { escapeHidden: true, flag: true, toolNames });
    samples.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  return median(samples);
}

/** The carriers whose payloads are the events of one alert: the answers with the most payloads. */
const EVENT_CARRIERS: readonly SeededPayload['carrier'][] = [
  'cloudtrail.userAgent',
  'okta.userAgent',
  'github.team',
];

/**
 * Through the built server over stdio (default configuration), every payload of the corpus: hidden parts shown,
 * payloads flagged; and the CPU time of fencing the events of each corpus alert as the sandbox returns them.
 */
async function throughServer(
  runs: number,
): Promise<Pick<UntrustedFigures, 'hidden' | 'served' | 'adversarialMicros'> & { toolNames: string[] }> {
  const sandbox = await startSandbox({ seed: SEED, events: 2_000 });
  const target = await connectStdio({
    kind: 'host',
    upstreamUrl: sandbox.url,
    upstreamToken: sandbox.tokens.admin,
  });
  try {
    const toolNames = (await target.client.listTools()).tools.map((t) => t.name);
    const corpus = adversarialCorpus(SEED);
    const flagged = new Set<string>();
    const hiddenPayloads = corpus.filter((p) => HIDDEN.test(p.text));
    const missed: string[] = [];
    for (const payload of corpus) {
      const answer = await served(target.client, payload);
      if (answer.flagged) flagged.add(payload.id);
      if (HIDDEN.test(payload.text) && !answer.hiddenVisible) missed.push(payload.id);
    }
    const api = sandboxApi({ url: sandbox.url, graphqlUrl: sandbox.graphqlUrl, token: sandbox.tokens.admin });
    const adversarialMicros: { label: string; chars: number; micros: number }[] = [];
    for (const carrier of EVENT_CARRIERS) {
      const alertId = corpus.find((p) => p.carrier === carrier)!.alertId!;
      const page = await api.rest<{ results: unknown[] }>(`/alerts/${alertId}/events`, { limit: 50 });
      const value = { events: page.results };
      adversarialMicros.push({
        label: `the ${page.results.length} events of the alert holding \`${carrier}\` payloads`,
        chars: JSON.stringify(value).length,
        micros: fenceMicros(value, toolNames, runs),
      });
    }
    return {
      toolNames,
      hidden: { payloads: hiddenPayloads.length, visible: hiddenPayloads.length - missed.length, missed },
      served: {
        dev: recall(
          corpus.filter((p) => p.split === 'dev'),
          flagged,
        ),
        heldout: recall(
          corpus.filter((p) => p.split === 'heldout'),
          flagged,
        ),
      },
      adversarialMicros,
    };
  } finally {
    await target.close();
    await sandbox.close();
  }
}

/** The answer scenarios with `policy.untrusted` off and with the defaults, and the CPU time of fencing each. */
async function sizes(toolNames: readonly string[], runs: number): Promise<SizeRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-panther-bench-untrusted-'));
  const offConfig = join(dir, 'untrusted-off.config.json');
  writeFileSync(
    offConfig,
    JSON.stringify({
      policy: {
        untrusted: { escapeHidden: false, flag: false, confirmWritesAfterFlag: false, lockdown: false },
      },
    }),
  );
  const off = await answerSizes(undefined, offConfig);
  const on = await answerSizes();
  return off.map((row: AnswerRow, i) => ({
    label: `\`${row.scenario.tool}\` ${row.scenario.label}`,
    counted: row.scenario.counted,
    off: row.characters,
    on: on[i]!.characters,
    meta: on[i]!.metaCharacters,
    fenceMicros: fenceMicros(row.value, toolNames, runs),
  }));
}

/**
 * The CPU the server process spends per call (Linux /proc, user + system) over the answer scenarios, with the
 * fence off and on: two servers on one sandbox (seed 1, 20,000 events, no adversarial corpus), the cache off so
 * every call does a call's whole work, rounds alternating between the two so that load on the machine falls on
 * both alike.
 */
async function serverCpu(rounds: number): Promise<CpuPerCall> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-panther-bench-untrusted-cpu-'));
  const config = (name: string, untrusted: Record<string, boolean>) => {
    const path = join(dir, `${name}.config.json`);
    writeFileSync(
      path,
      JSON.stringify({
        policy: { untrusted },
        client: { requestsPerSecond: 10_000, cache: { enabled: false } },
      }),
    );
    return path;
  };
  const offPath = config('off', { escapeHidden: false, flag: false, confirmWritesAfterFlag: false });
  const onPath = config('on', {});
  const sandbox = await startSandbox({ seed: SEED, adversarial: false });
  const targets: StdioTarget[] = [];
  try {
    const api = sandboxApi({ url: sandbox.url, graphqlUrl: sandbox.graphqlUrl, token: sandbox.tokens.admin });
    const ids = await scenarioIds(api);
    const connect = (configPath: string) =>
      connectStdio({
        kind: 'host',
        upstreamUrl: sandbox.url,
        upstreamToken: sandbox.tokens.admin,
        configPath,
      });
    const off = await connect(offPath);
    targets.push(off);
    const on = await connect(onPath);
    targets.push(on);
    const spent = new Map<StdioTarget, number>([
      [off, 0],
      [on, 0],
    ]);
    const round = async (target: StdioTarget) => {
      const before = cpuMs(target.pid);
      for (const scenario of SCENARIOS) {
        const result = await target.client.callTool({ name: scenario.tool, arguments: scenario.args(ids) });
        if (result['isError']) throw new Error(`${scenario.tool} failed while measuring CPU`);
      }
      spent.set(target, spent.get(target)! + cpuMs(target.pid) - before);
    };
    await round(off); // warm-up of both, not counted
    await round(on);
    spent.set(off, 0).set(on, 0);
    for (let i = 0; i < rounds; i++) {
      for (const target of i % 2 === 0 ? [off, on] : [on, off]) await round(target);
    }
    const calls = rounds * SCENARIOS.length;
    return { calls, offMs: spent.get(off)! / calls, onMs: spent.get(on)! / calls };
  } finally {
    await Promise.all(targets.map((t) => t.close()));
    await sandbox.close();
  }
}

export async function untrustedFigures(options: { readonly quick: boolean }): Promise<UntrustedFigures> {
  const runs = options.quick ? 20 : 200;
  const { toolNames, ...server } = await throughServer(runs);
  const detector = {
    dev: recallOn(
      ADVERSARIAL_PAYLOADS.filter((p) => p.split === 'dev'),
      toolNames,
    ),
    heldout: recallOn(
      ADVERSARIAL_PAYLOADS.filter((p) => p.split === 'heldout'),
      toolNames,
    ),
  };
  const sandbox = await startSandbox({ seed: SEED, events: 20_000, adversarial: false });
  let normal: FalsePositives;
  try {
    const api = sandboxApi({ url: sandbox.url, graphqlUrl: sandbox.graphqlUrl, token: sandbox.tokens.admin });
    normal = await falsePositivesOn(api, toolNames);
  } finally {
    await sandbox.close();
  }
  return {
    ...server,
    detector,
    normal,
    sizes: await sizes(toolNames, runs),
    serverCpu: await serverCpu(options.quick ? 4 : 20),
  };
}
