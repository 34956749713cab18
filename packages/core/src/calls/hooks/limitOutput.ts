import { binaryOf, type ContentBlock, type ContentResult, isContentOutput } from '../../define/content.js';
import type { Continuation } from '../../define/types.js';
import { askForLess, describeCuts } from '../../output/cutNote.js';
import { charsForTokens } from '../../output/estimateTokens.js';
import { describeContentCut, fitContent } from '../../output/fitContent.js';
import { fitResult } from '../../output/fitResult.js';
import {
  decodeResume,
  encodeResume,
  isResumeCursor,
  type ResumePoint,
  resumeArguments,
  resumePointFor,
  skipShown,
} from '../../output/resume.js';
import type { Redactor } from '../../security/redact.js';
import type { CallHook, CallOutcome, ToolCall } from '../types.js';
import { PARSED_INPUT } from './parseInput.js';

export interface OutputLimits {
  /** Most characters of JSON in one result. */
  readonly maxChars: number;
  /** Most tokens (estimated as characters / 4) of one result as the model reads it, notes included. */
  readonly maxTokens: number;
}

/** Room first kept for the note that says what was cut (it is written after the cut, then measured). */
const NOTE_ROOM = 600;

function charsLabel(chars: number): string {
  return chars >= 1024 * 1024 && chars % (1024 * 1024) === 0
    ? `${chars / (1024 * 1024)} MiB`
    : `${chars.toLocaleString('en-US')} characters`;
}

/** The lower of the two limits, in characters, and how the note names it. */
function budgetOf(limits: OutputLimits): { chars: number; label: string } {
  const tokenChars = charsForTokens(limits.maxTokens);
  return tokenChars <= limits.maxChars
    ? { chars: tokenChars, label: `${limits.maxTokens.toLocaleString('en-US')} tokens` }
    : { chars: limits.maxChars, label: charsLabel(limits.maxChars) };
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/**
 * A resume cursor this hook issued is swapped for the tool's own cursor (and page size, and `resumeWith`
 * values) before the input is parsed. Returns the point to resume at with the arguments to pass on, or the refusal
 * of a cursor that is not one.
 */
function takeResumeCursor(
  call: ToolCall,
  continuation: Continuation | undefined,
): { point?: ResumePoint; args?: Record<string, unknown>; refusal?: CallOutcome } {
  const param = continuation?.cursor;
  if (param === undefined || !continuation) return {};
  const args = asRecord(call.args);
  const raw = args[param];
  if (!isResumeCursor(raw)) return {};
  const refuse = (detail: string): { refusal: CallOutcome } => ({
    refusal: {
      ok: false,
      code: 'USER_INPUT',
      text: `Invalid arguments for ${call.tool.name}: ${param} ${detail}`,
    },
  });
  const point = decodeResume(raw);
  if (!point)
    return refuse('is not a next_cursor this server issued; pass next_cursor exactly as it was returned');
  if (point.tool !== call.tool.name) return refuse(`is a next_cursor of ${point.tool}; pass it to that tool`);
  return { point, args: resumeArguments(args, point, { ...continuation, cursor: param }) };
}

/**
 * The value cut to `room` characters with its resume cursor (when the tool pages and one list was cut), and the
 * note. The cursor and the note are written after the cut, so the cut is tried again, smaller, if they overflow.
 */
function cutToBudget(
  call: ToolCall,
  value: Record<string, unknown>,
  room: number,
  before: ResumePoint | undefined,
  budget: string,
): { value: Record<string, unknown>; note: string } | undefined {
  const { continuation } = call.tool;
  let target = room - NOTE_ROOM;
  for (let attempt = 0; attempt < 3 && target > 0; attempt++) {
    const fit = fitResult(value, target);
    if (!fit.fits) return undefined;
    const [cut] = fit.cuts;
    const point =
      fit.cuts.length === 1 && cut
        ? resumePointFor({
            tool: call.tool.name,
            continuation,
            cut,
            args: asRecord(call.args),
            input: asRecord(call.data.get(PARSED_INPUT)),
            value: fit.value,
            before,
          })
        : undefined;
    const out = point ? { ...fit.value, next_cursor: encodeResume(point) } : fit.value;
    const advice = { tool: call.tool.name, continuation, resumable: point !== undefined };
    const note = describeCuts(fit, budget, advice);
    const overflow = JSON.stringify(out).length + note.length - room;
    if (overflow <= 0) return { value: out, note };
    target -= overflow;
  }
  return undefined;
}

/** Whether bytes hold a secret: base64 hides it from a search of the text, so the decoded bytes are searched. */
function holdsSecret(redact: Redactor, data: string): boolean {
  return redact.found(Buffer.from(data, 'base64').toString('latin1'));
}

/**
 * A content result on its way out: blocks whose bytes hold a secret are withheld (bytes cannot be redacted
 * without breaking them), then the blocks are cut to the budget: text against the output budget, everything
 * against the result's size limit.
 */
function limitContent(
  call: ToolCall,
  outcome: Extract<CallOutcome, { ok: true }>,
  deps: { redact: Redactor; limits: OutputLimits },
  budget: { chars: number; label: string },
): CallOutcome {
  const value = deps.redact.value(outcome.value) as unknown as ContentResult;
  const notes = (outcome.notes ?? []).map((n) => deps.redact.text(n));
  const given = value.content;
  const kept: ContentBlock[] = given.filter((block) => {
    const data = binaryOf(block);
    return data === undefined || !holdsSecret(deps.redact, data);
  });
  if (kept.length < given.length) {
    const withheld = given.length - kept.length;
    call.logger.warn('binary content withheld: it holds a secret', { blocks: withheld });
    notes.push(
      `${withheld} binary content block${withheld > 1 ? 's were' : ' was'} withheld: ${withheld > 1 ? 'they contain' : 'it contains'} a secret.`,
    );
  }
  const notesSize = notes.reduce((sum, note) => sum + note.length, 0);
  const within = fitContent(kept, { textChars: budget.chars - notesSize, totalChars: deps.limits.maxChars });
  // A cut result carries a note: its room is kept too.
  const fit =
    within.dropped === 0 && within.shortened === 0
      ? within
      : fitContent(kept, {
          textChars: budget.chars - notesSize - NOTE_ROOM,
          totalChars: deps.limits.maxChars,
        });
  if (!fit.fits && kept.length > 0) {
    call.logger.warn('tool result too large to cut at block boundaries', { blocks: kept.length });
    return {
      ok: false,
      code: 'OUTPUT_TOO_LARGE',
      text: `${call.tool.name} returned more than ${budget.label} even cut to its first content block; ask for less`,
    };
  }
  const cut =
    fit.dropped > 0 || fit.shortened > 0 ? [describeContentCut(fit, kept.length, budget.label)] : [];
  return { ok: true, value: { content: fit.blocks }, notes: [...notes, ...cut] };
}

/**
 * Every result leaves the host through here: secrets replaced in every value and text, then cut to the output
 * budget (the lower of `maxChars` and `maxTokens`) at record boundaries, with a note saying what was left out and
 * how to get it. A cut page of a tool that takes a cursor gets a `next_cursor` that resumes after the last item
 * shown; passed back, it is swapped here for the tool's own cursor and the items already shown are left out.
 * A result of content blocks is cut at block boundaries instead (`limitContent`).
 */
export function limitOutputHook(deps: { redact: Redactor; limits: OutputLimits }): CallHook {
  const budget = budgetOf(deps.limits);
  return {
    name: 'limit-output',
    phase: 'output',
    async around(given, next) {
      const { continuation } = given.tool;
      const resumed = takeResumeCursor(given, continuation);
      if (resumed.refusal) return resumed.refusal;
      const call = resumed.args ? { ...given, args: resumed.args } : given;
      const outcome = await next(call);
      if (!outcome.ok) return { ...outcome, text: deps.redact.text(outcome.text) };
      if (isContentOutput(call.tool.output)) return limitContent(call, outcome, deps, budget);
      // One serialisation serves the secret check, the size check and the text the model reads.
      let value = resumed.point ? skipShown(outcome.value, resumed.point) : outcome.value;
      let json = JSON.stringify(value);
      if (deps.redact.found(json)) {
        value = deps.redact.value(value);
        json = JSON.stringify(value);
      }
      const notes = (outcome.notes ?? []).map((n) => deps.redact.text(n));
      const notesSize = notes.reduce((sum, note) => sum + note.length, 0);
      const meta = outcome.meta === undefined ? {} : { meta: outcome.meta };
      if (json.length + notesSize <= budget.chars) return { ok: true, value, notes, json, ...meta };
      const cut = cutToBudget(call, value, budget.chars - notesSize, resumed.point, budget.label);
      if (!cut) {
        call.logger.warn('tool result too large to cut at record boundaries', { size: json.length });
        return {
          ok: false,
          code: 'OUTPUT_TOO_LARGE',
          text: `${call.tool.name} returned more than ${budget.label} even cut at record boundaries; ${askForLess(continuation)}`,
        } satisfies CallOutcome;
      }
      return { ok: true, value: cut.value, notes: [...notes, cut.note], ...meta };
    },
  };
}
