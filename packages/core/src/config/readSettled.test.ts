import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSettled, stillHolds } from './readSettled.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-settled-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readSettled', () => {
  it('returns what two reads agree on, a missing file as such, and nothing while a writer keeps writing', async () => {
    const file = path.join(dir, 'config.yaml');
    expect(await readSettled(file, { intervalMs: 5, maxReads: 3 })).toEqual({
      kind: 'unreadable',
      reason: 'the file does not exist',
    });
    await writeFile(file, 'packs: []\n');
    const settled = await readSettled(file, { intervalMs: 5, maxReads: 3 });
    expect(settled.kind === 'bytes' && settled.bytes.toString()).toBe('packs: []\n');

    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 500; i++) {
        await appendFile(file, `# ${i}\n`);
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    expect(await readSettled(file, { intervalMs: 20, maxReads: 4 })).toEqual({ kind: 'unsettled' });
    writing = false;
    await writer;
    expect(await stillHolds(file, Buffer.from('packs: []\n'))).toBe(false);
  });
});
