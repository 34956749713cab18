/**
 * Resuming a page that was cut to the output budget. The host gives the cut result a `next_cursor` of its own: the
 * tool's cursor for that page, how many items of it were shown, and where the list is. Passed back, the host calls
 * the tool again with the tool's own cursor (so any pager works, however opaque its cursors) and leaves out the
 * items already shown. Opaque to the model: base64url of a small JSON object, checked field by field.
 */
import type { Continuation } from '../define/types.js';

const PREFIX = 'resume1.';
/** Longer texts are not decoded (the tools' own cursor parameters allow up to 10,000 characters). */
const MAX_CURSOR_LENGTH = 16_384;
const MAX_SKIP = 1_000_000;
const MAX_PATH = 6;

export type ResumeValue = string | number;

export interface ResumePoint {
  /** The tool that issued it (a resume cursor works with that tool only). */
  readonly tool: string;
  /** The tool's own cursor for the page; absent for the first page. */
  readonly cursor?: string;
  /** Items of the list already shown. */
  readonly skip: number;
  /** Where the list is in the result. */
  readonly path: readonly (string | number)[];
  /** The page size the page was read with (so the same page is read again). */
  readonly pageSize?: number;
  /** Parameters that read the same results again (the tool's `continuation.resumeWith`). */
  readonly with?: Readonly<Record<string, ResumeValue>>;
}

export function isResumeCursor(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function encodeResume(point: ResumePoint): string {
  const json = JSON.stringify({
    t: point.tool,
    c: point.cursor,
    s: point.skip,
    p: point.path,
    n: point.pageSize,
    w: point.with,
  });
  return PREFIX + Buffer.from(json, 'utf8').toString('base64url');
}

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isKey = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
const isValue = (v: unknown): v is ResumeValue =>
  (typeof v === 'string' && v.length <= 1_000) || Number.isFinite(v);

/** The point a resume cursor names, or undefined when the text is not a well-formed one. */
export function decodeResume(text: string): ResumePoint | undefined {
  if (!isResumeCursor(text) || text.length > MAX_CURSOR_LENGTH) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const { t, c, s, p, n, w } = raw as Record<string, unknown>;
  if (!isKey(t) || !isIndex(s) || s === 0 || s > MAX_SKIP) return undefined;
  if (c !== undefined && typeof c !== 'string') return undefined;
  if (!Array.isArray(p) || p.length === 0 || p.length > MAX_PATH) return undefined;
  if (!p.every((part) => isKey(part) || isIndex(part))) return undefined;
  if (n !== undefined && !(isIndex(n) && n > 0)) return undefined;
  if (w !== undefined) {
    if (typeof w !== 'object' || w === null || Array.isArray(w)) return undefined;
    const entries = Object.entries(w);
    if (entries.length > 5 || !entries.every(([key, value]) => isKey(key) && isValue(value)))
      return undefined;
  }
  return {
    tool: t,
    skip: s,
    path: p as (string | number)[],
    ...(c === undefined ? {} : { cursor: c }),
    ...(n === undefined ? {} : { pageSize: n as number }),
    ...(w === undefined ? {} : { with: w as Record<string, ResumeValue> }),
  };
}

/** The arguments that read the page again: the tool's own cursor, the same page size, the `resumeWith` values. */
export function resumeArguments(
  args: Readonly<Record<string, unknown>>,
  point: ResumePoint,
  continuation: Continuation & { readonly cursor: string },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...args };
  delete out[continuation.cursor];
  if (point.cursor !== undefined) out[continuation.cursor] = point.cursor;
  if (continuation.pageSize && point.pageSize !== undefined) out[continuation.pageSize] = point.pageSize;
  const allowed = new Set(continuation.resumeWith ?? []);
  for (const [key, value] of Object.entries(point.with ?? {})) if (allowed.has(key)) out[key] = value;
  return out;
}

/** The result without the items already shown; unchanged when the list is not where the point says. */
export function skipShown(value: Record<string, unknown>, point: ResumePoint): Record<string, unknown> {
  let node: unknown = value;
  for (const key of point.path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return value;
    node = (node as Record<string | number, unknown>)[key];
  }
  const last = point.path.at(-1)!;
  const list = (node as Record<string | number, unknown> | null)?.[last];
  if (typeof node !== 'object' || node === null || !Array.isArray(list)) return value;
  const copy = structuredClone(value);
  let parent: Record<string | number, unknown> = copy;
  for (const key of point.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[last] = list.slice(point.skip);
  return copy;
}

/**
 * The point to resume a cut page at: the tool declares a cursor and exactly one list was cut. `before` is the
 * point this call itself resumed from (items shown by earlier calls count too).
 */
export function resumePointFor(options: {
  readonly tool: string;
  readonly continuation: Continuation | undefined;
  readonly cut: { readonly keys: readonly (string | number)[]; readonly kept: number };
  readonly args: Readonly<Record<string, unknown>>;
  readonly input: Readonly<Record<string, unknown>> | undefined;
  readonly value: Readonly<Record<string, unknown>>;
  readonly before: ResumePoint | undefined;
}): ResumePoint | undefined {
  const { continuation, cut, args, input, value, before } = options;
  if (!continuation?.cursor || cut.kept === 0) return undefined;
  const cursor = args[continuation.cursor];
  const pageSize = continuation.pageSize ? input?.[continuation.pageSize] : undefined;
  const withValues: Record<string, ResumeValue> = {};
  for (const key of continuation.resumeWith ?? []) {
    const found = value[key];
    if (isValue(found)) withValues[key] = found;
  }
  return {
    tool: options.tool,
    skip: (before?.skip ?? 0) + cut.kept,
    path: cut.keys,
    ...(typeof cursor === 'string' && cursor !== '' ? { cursor } : {}),
    ...(typeof pageSize === 'number' ? { pageSize } : {}),
    ...(Object.keys(withValues).length > 0 ? { with: withValues } : {}),
  };
}
