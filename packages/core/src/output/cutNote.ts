/**
 * The note the model reads after a result cut to the output budget: what was left out, and how to get it with the
 * tool's own parameters (a resuming cursor when the tool pages, otherwise fields, page size and filters).
 */
import type { Continuation } from '../define/types.js';
import type { FitResult } from './fitResult.js';

export interface CutAdvice {
  readonly tool: string;
  readonly continuation: Continuation | undefined;
  /** The result's `next_cursor` resumes after the last item shown. */
  readonly resumable: boolean;
}

const list = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

/** How to ask for less, with the tool's parameter names where it declares them. */
export function askForLess(continuation: Continuation | undefined): string {
  const ways: string[] = [];
  if (continuation?.fields) ways.push(`fewer fields (${continuation.fields})`);
  if (continuation?.pageSize) ways.push(`a smaller page (${continuation.pageSize})`);
  if (continuation?.filters?.length) ways.push(`a narrower filter (${continuation.filters.join(', ')})`);
  return ways.length > 0 ? `ask for ${list(ways)}` : 'ask for fewer items, a narrower filter or fewer fields';
}

export function describeCuts(fit: FitResult, budget: string, advice: CutAdvice): string {
  const parts = fit.cuts.map((c) => `${c.total - c.kept} of ${c.total} items of ${c.path}`);
  if (fit.shortened > 0) {
    parts.push(`the end of ${fit.shortened} long text value${fit.shortened > 1 ? 's' : ''}`);
  }
  const cursor = advice.continuation?.cursor;
  const how =
    advice.resumable && cursor
      ? `To get the rest, call ${advice.tool} again with the same arguments and ${cursor}=next_cursor (it resumes ` +
        `after the last item shown); to get more in one answer, ${askForLess(advice.continuation)}.`
      : `To get the rest, ${askForLess(advice.continuation)}.`;
  return `Result cut to fit ${budget}: left out ${parts.join(' and ')}. ${how}`;
}
