/**
 * One pass over a tool's structured result: every string (values and keys) has its hidden text escaped and is
 * read by the injection detector, and the places where untrusted text sits are listed. Objects and arrays are
 * copied only where something changed.
 */
import { detectInjection, type InjectionSign } from './detectInjection.js';
import { escapeHidden, hasHidden, unescapeHidden } from './hiddenText.js';

export interface FenceOptions {
  /** Replace hidden code points by visible escapes. */
  readonly escapeHidden: boolean;
  /** Run the injection detector. */
  readonly flag: boolean;
  /** The tools the host serves (a sign when a value orders one used). */
  readonly toolNames?: readonly string[];
  /** Top-level keys the host wrote itself (a resume cursor): neither escaped nor listed as untrusted. */
  readonly hostKeys?: ReadonlySet<string>;
  /** The strings were escaped already: the detector reads each as it was before (`unescapeHidden`). */
  readonly escaped?: boolean;
  /**
   * The value is a content result (`{ content: [blocks] }`): the base64 bytes of image, audio and blob blocks are
   * passed over (they are not text a model reads as words).
   */
  readonly contentBlocks?: boolean;
}

export interface FlaggedValue {
  /** Where the value is: `$.comments[2].body`. */
  readonly path: string;
  readonly signs: readonly InjectionSign[];
}

export interface Fenced {
  readonly value: unknown;
  readonly flagged: readonly FlaggedValue[];
  /**
   * Where text from Panther sits, with `[*]` for every array index and cut after three keys (`$.alerts[*].title`,
   * `$.events[*].requestParameters.ipPermissions`): a path covers the strings at and under it.
   */
  readonly untrusted: readonly string[];
  /** How many strings had hidden code points escaped. */
  readonly escaped: number;
}

/** How many keys of a path the untrusted list keeps (deeper strings are covered by the shorter path). */
const UNTRUSTED_DEPTH = 3;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `.key`, or `["key"]` (hidden code points escaped: a path is shown too). */
function keySegment(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(escapeHidden(key))}]`;
}

/**
 * Where a string is, as links back to `$`: rendered only for the few strings that are flagged, so that a walk
 * over thousands of strings builds no path it does not show.
 */
interface Place {
  readonly parent: Place | undefined;
  readonly step: string | number;
}

function pathOf(place: Place | undefined): string {
  const steps: string[] = [];
  for (let at = place; at !== undefined; at = at.parent) {
    steps.push(typeof at.step === 'number' ? `[${at.step}]` : keySegment(at.step));
  }
  return `$${steps.reverse().join('')}`;
}

/** The key of a content block that holds bytes as base64: an image's or audio's `data`, a resource's `blob`. */
function bytesKeyOf(node: Readonly<Record<string, unknown>>): string | undefined {
  if (node['type'] === 'image' || node['type'] === 'audio') return 'data';
  return typeof node['uri'] === 'string' && typeof node['blob'] === 'string' ? 'blob' : undefined;
}

export function fenceValue(value: unknown, options: FenceOptions): Fenced {
  const flagged: FlaggedValue[] = [];
  const untrusted = new Set<string>();
  let escaped = 0;
  const detectorOptions = options.toolNames === undefined ? {} : { toolNames: options.toolNames };

  /** A string at `place`; `shape` is where it is listed as untrusted (undefined for a key). */
  const text = (raw: string, place: Place | undefined, shape: string | undefined): string => {
    if (shape !== undefined) untrusted.add(shape);
    if (options.flag) {
      const signs = detectInjection(options.escaped ? unescapeHidden(raw) : raw, detectorOptions);
      if (signs.length > 0) flagged.push({ path: pathOf(place), signs });
    }
    if (!options.escapeHidden || !hasHidden(raw)) return raw;
    escaped++;
    return escapeHidden(raw);
  };

  const walk = (node: unknown, place: Place | undefined, shape: string, keys: number): unknown => {
    if (typeof node === 'string') return text(node, place, shape);
    // Past the depth kept, the shape stays where it was cut.
    const deep = keys >= UNTRUSTED_DEPTH;
    if (Array.isArray(node)) {
      const itemShape = deep ? shape : `${shape}[*]`;
      let copy: unknown[] | undefined;
      node.forEach((item, i) => {
        const out = walk(item, { parent: place, step: i }, itemShape, keys);
        if (out !== item) {
          copy ??= node.slice();
          copy[i] = out;
        }
      });
      return copy ?? node;
    }
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    // Bytes are not text: nothing in them is escaped, read or listed.
    const bytesKey = options.contentBlocks ? bytesKeyOf(record) : undefined;
    let changed = false;
    const entries = Object.entries(record).map(([key, item]): [string, unknown] => {
      if ((place === undefined && options.hostKeys?.has(key)) || key === bytesKey) return [key, item];
      const at: Place = { parent: place, step: key };
      const outKey = text(key, at, undefined);
      const out = walk(item, at, deep ? shape : `${shape}${keySegment(key)}`, keys + 1);
      if (outKey !== key || out !== item) changed = true;
      return [outKey, out];
    });
    return changed ? Object.fromEntries(entries) : node;
  };

  const out = walk(value, undefined, '$', 0);
  return { value: out, flagged, untrusted: [...untrusted].filter((p) => p !== '$'), escaped };
}

/** Strings without whitespace (ids, names, addresses) are taken back to their raw form; see `unescapeArguments`. */
const TOKEN = /^\S+$/;
/** Deeper arguments are left as they are (the input check refuses anything nested past 16 levels). */
const MAX_ARGUMENT_DEPTH = 32;

/**
 * Tool arguments with the escapes of hidden code points undone in every string that has no whitespace: an id
 * or name the model read escaped (`Rule[U+200B]A`) reaches Panther as it is stored there. Text with spaces (a
 * comment, a query) is kept as written, so quoting escaped text never writes the hidden characters back.
 */
export function unescapeArguments(args: unknown, depth = 0): unknown {
  if (typeof args === 'string') return TOKEN.test(args) ? unescapeHidden(args) : args;
  if (depth >= MAX_ARGUMENT_DEPTH) return args;
  if (Array.isArray(args)) {
    const out = args.map((item) => unescapeArguments(item, depth + 1));
    return out.some((item, i) => item !== args[i]) ? out : args;
  }
  if (args === null || typeof args !== 'object') return args;
  let changed = false;
  const entries = Object.entries(args as Record<string, unknown>).map(([key, item]): [string, unknown] => {
    const out = unescapeArguments(item, depth + 1);
    if (out !== item) changed = true;
    return [key, out];
  });
  return changed ? Object.fromEntries(entries) : args;
}

const PATH_STEP = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;

/**
 * The value at a path `fenceValue` names (`$.comments[2].body`, `$.x["a b"]`), or undefined. A quoted key is
 * matched as shown (escaped); the value's own keys are compared escaped too.
 */
export function valueAtPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  let node = value;
  PATH_STEP.lastIndex = 1;
  while (PATH_STEP.lastIndex < path.length) {
    const step = PATH_STEP.exec(path);
    if (step === null) return undefined;
    const [, name, index, quoted] = step;
    if (index !== undefined) {
      node = Array.isArray(node) ? node[Number(index)] : undefined;
      continue;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    const key = name ?? (JSON.parse(quoted!) as string);
    const record = node as Record<string, unknown>;
    node = Object.hasOwn(record, key)
      ? record[key]
      : Object.entries(record).find(([k]) => escapeHidden(k) === key)?.[1];
  }
  return node;
}
