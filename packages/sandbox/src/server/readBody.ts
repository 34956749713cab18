/**
 * Request bodies, checked once at the edge so that no handler or resolver (and no DuckDB parameter) ever sees
 * malformed input: a body over the limit is 413; bytes that are not UTF-8, text that is not JSON, and a string
 * anywhere in the JSON that is not well-formed Unicode (a lone surrogate, `"\ud800"`) are 400 with a message that
 * says where.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond.js';

const MAX_BODY_BYTES = 1024 * 1024;
/** Bytes of an oversized body read and discarded before the connection is dropped (so the 413 still arrives). */
const DISCARD_BYTES = 16 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > DISCARD_BYTES) req.socket.destroy();
    else if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) {
    throw new HttpError(413, `Request body too large: at most ${MAX_BODY_BYTES} bytes are accepted`);
  }
  let text: string;
  try {
    text = utf8.decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'Request body is not valid UTF-8');
  }
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
  const problem = findIllFormedString(value);
  if (problem !== undefined) {
    throw new HttpError(
      400,
      `Request body ${problem.where} is not well-formed Unicode: it holds a lone surrogate (\\u${problem.unit
        .toString(16)
        .toUpperCase()} at character ${problem.index}).`,
    );
  }
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first lone surrogate in a string: its index and code unit. */
export function loneSurrogate(text: string): { index: number; unit: number } | undefined {
  const match = LONE_SURROGATE.exec(text);
  return match === null ? undefined : { index: match.index, unit: text.charCodeAt(match.index) };
}

/**
 * The first string (value or key) in a parsed JSON value that holds a lone surrogate, with its path
 * (`field ids[0]`, `key of variables`). Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findIllFormedString(
  root: unknown,
): { where: string; index: number; unit: number } | undefined {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === 'string') {
      const found = loneSurrogate(value);
      if (found) return { where: path === '' ? 'string' : `field ${shorten(path)}`, ...found };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]` });
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const found = loneSurrogate(key);
        if (found)
          return { where: `key of ${path === '' ? 'the top-level object' : shorten(path)}`, ...found };
        stack.push({
          value: (value as Record<string, unknown>)[key],
          path: path === '' ? key : `${path}.${key}`,
        });
      }
    }
  }
  return undefined;
}

const shorten = (path: string): string => (path.length > 120 ? `${path.slice(0, 120)}…` : path);
