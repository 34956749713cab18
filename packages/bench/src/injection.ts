/**
 * The injection detector measured on the sandbox: recall on the adversarial corpus (its development and held-out
 * parts, read as seeded) and false positives on every string of the normal data (a sandbox without the corpus).
 */
import { detectInjection } from '@mcp-panther/core';
import type { AdversarialPayload } from '@mcp-panther/sandbox';
import { type NormalString, normalEvents, normalObjects } from './normalData.js';
import type { SandboxApi } from './sandboxApi.js';

export interface Recall {
  readonly found: number;
  readonly total: number;
  /** Ids of the payloads not flagged. */
  readonly missed: readonly string[];
}

export interface FalsePositives {
  /** Events read (rows of the four log tables). */
  readonly events: number;
  readonly strings: number;
  readonly flagged: readonly (NormalString & { signs: readonly string[] })[];
}

export function recallOn(payloads: readonly AdversarialPayload[], toolNames: readonly string[] = []): Recall {
  const missed = payloads.filter((p) => detectInjection(p.text, { toolNames }).length === 0).map((p) => p.id);
  return { found: payloads.length - missed.length, total: payloads.length, missed };
}

/** Runs the detector on every string of the normal data of the sandbox behind `api` (one without the corpus). */
export async function falsePositivesOn(
  api: SandboxApi,
  toolNames: readonly string[] = [],
): Promise<FalsePositives> {
  const events = await normalEvents(api);
  const strings = [...events, ...(await normalObjects(api))];
  const flagged = strings.flatMap((s) => {
    const signs = detectInjection(s.value, { toolNames });
    return signs.length === 0 ? [] : [{ ...s, signs }];
  });
  return { events: new Set(events.map((e) => `${e.source}/${e.id}`)).size, strings: strings.length, flagged };
}

export const percent = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
