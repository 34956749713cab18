import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a file held, read twice in a row with the same result. */
export type SettledRead =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  | { readonly kind: 'unreadable'; readonly reason: string }
  /** It changed between every pair of reads: someone is still writing it. */
  | { readonly kind: 'unsettled' };

type OneRead = Exclude<SettledRead, { kind: 'unsettled' }>;

async function readOnce(file: string): Promise<OneRead> {
  try {
    return { kind: 'bytes', bytes: await readFile(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EACCES'
          ? 'the file cannot be read (permission denied)'
          : code === 'EISDIR'
            ? 'the path is a folder'
            : `the file cannot be read (${code ?? (error as Error).message})`;
    return { kind: 'unreadable', reason };
  }
}

function same(a: OneRead, b: OneRead): boolean {
  if (a.kind === 'bytes' && b.kind === 'bytes') return a.bytes.equals(b.bytes);
  return a.kind === 'unreadable' && b.kind === 'unreadable' && a.reason === b.reason;
}

/**
 * Reads a file until two reads `intervalMs` apart agree, at most `maxReads` times. A writer that truncates and
 * then writes, or writes in pieces, is caught between two reads that differ; only what stayed put is returned.
 */
export async function readSettled(
  file: string,
  options: { readonly intervalMs: number; readonly maxReads: number },
): Promise<SettledRead> {
  let previous = await readOnce(file);
  for (let read = 1; read < options.maxReads; read++) {
    await sleep(options.intervalMs);
    const next = await readOnce(file);
    if (same(previous, next)) return previous;
    previous = next;
  }
  return { kind: 'unsettled' };
}

/** Whether a file's bytes are still what a settled read returned (a cheap check after a slow step). */
export async function stillHolds(file: string, bytes: Buffer): Promise<boolean> {
  const now = await readOnce(file);
  return now.kind === 'bytes' && now.bytes.equals(bytes);
}
