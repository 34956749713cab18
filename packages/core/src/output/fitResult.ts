/**
 * Cuts a structured result down to a size budget at record boundaries: items are dropped from the end of the
 * largest lists first (never half a record; of a table, only rows), then very long strings are shortened with a
 * marker. Returns what was cut so the host can tell the model how to get the rest.
 */
import { isTable } from '../toolkit/table.js';
import { shortenedMarker } from './shorten.js';

export interface Cut {
  /** Where the list is (`alerts`, `results.rows`). */
  readonly path: string;
  /** The same place as keys, to find the list again. */
  readonly keys: readonly (string | number)[];
  readonly kept: number;
  readonly total: number;
}

export interface FitResult {
  readonly value: Record<string, unknown>;
  readonly cuts: readonly Cut[];
  /** Strings shortened (with a marker) after every list was cut. */
  readonly shortened: number;
  /** The serialised size after fitting (characters of JSON). */
  readonly size: number;
  /** False when even the cut value does not fit (a result made of one enormous key set, say). */
  readonly fits: boolean;
}

type Json = unknown;
interface Found {
  readonly path: (string | number)[];
  readonly size: number;
}

const MAX_WALK_DEPTH = 6;
const MIN_STRING_KEPT = 200;

const sizeOf = (value: Json): number => JSON.stringify(value)?.length ?? 4;

function label(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out || '(result)';
}

function getAt(root: Json, path: readonly (string | number)[]): Json {
  let node = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key];
  return node;
}

function setAt(root: Record<string, Json>, path: readonly (string | number)[], value: Json): void {
  let node: Json = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key];
  (node as Record<string | number, Json>)[path[path.length - 1]!] = value;
}

/** Every list (or every long string) under the value, with its serialised size. */
function collect(value: Json, want: 'array' | 'string'): Found[] {
  const out: Found[] = [];
  const walk = (node: Json, path: (string | number)[], depth: number) => {
    if (want === 'string' && typeof node === 'string' && node.length > MIN_STRING_KEPT) {
      out.push({ path, size: node.length });
      return;
    }
    if (typeof node !== 'object' || node === null || depth > MAX_WALK_DEPTH) return;
    if (Array.isArray(node)) {
      if (want === 'array' && node.length > 0) out.push({ path, size: sizeOf(node) });
      // Lists inside list items are records' own fields: cut the outer list first.
      if (want === 'string') {
        node.forEach((item, i) => {
          walk(item, [...path, i], depth + 1);
        });
      }
      return;
    }
    // A table's column names say what each row holds: only its rows are cut.
    const table = want === 'array' && isTable(node);
    for (const [key, child] of Object.entries(node)) {
      if (table && key !== 'rows' && Array.isArray(child)) continue;
      walk(child, [...path, key], depth + 1);
    }
  };
  walk(value, [], 0);
  return out.sort((a, b) => b.size - a.size);
}

/** The most items of `list` that keep the whole value within `budget`, given the size of everything else. */
function itemsThatFit(list: readonly Json[], otherSize: number, budget: number): number {
  let size = otherSize + 2; // the brackets
  let kept = 0;
  for (const item of list) {
    const next = size + sizeOf(item) + (kept > 0 ? 1 : 0);
    if (next > budget) break;
    size = next;
    kept += 1;
  }
  return kept;
}

export function fitResult(value: Record<string, unknown>, budget: number): FitResult {
  let size = sizeOf(value);
  if (size <= budget) return { value, cuts: [], shortened: 0, size, fits: true };
  const out = structuredClone(value);
  const cuts: Cut[] = [];
  for (const found of collect(out, 'array')) {
    if (size <= budget) break;
    const list = getAt(out, found.path) as Json[];
    const total = list.length;
    const kept = itemsThatFit(list, size - found.size, budget);
    if (kept >= total) continue;
    setAt(out, found.path, list.slice(0, kept));
    cuts.push({ path: label(found.path), keys: found.path, kept, total });
    size = sizeOf(out);
  }
  let shortened = 0;
  for (const found of collect(out, 'string')) {
    if (size <= budget) break;
    const text = getAt(out, found.path) as string;
    const marker = (kept: number) => shortenedMarker(text.length, kept);
    // The marker's own length counts; JSON escapes may make the serialised text longer than the string.
    const escaped = (JSON.stringify(text).length - 2) / text.length;
    const excess = size - budget;
    const keep = Math.max(
      MIN_STRING_KEPT,
      Math.floor(text.length - (excess + marker(0).length) / escaped) - 1,
    );
    if (keep >= text.length) continue;
    setAt(out, found.path, `${text.slice(0, keep)}${marker(keep)}`);
    shortened += 1;
    size = sizeOf(out);
  }
  return { value: out, cuts, shortened, size, fits: size <= budget };
}
