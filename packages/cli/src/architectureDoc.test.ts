/**
 * docs/architecture.md's "How to add…" table names files to copy and to register in: each must exist, so that the
 * table cannot drift from the tree unnoticed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from './testdata/workspacePackages.js';

const doc = readFileSync(path.join(WORKSPACE_ROOT, 'docs/architecture.md'), 'utf8');
const section = doc.split('## How to add…')[1]?.split('\n## ')[0] ?? '';

describe('the "How to add…" table of docs/architecture.md', () => {
  it('has a row for each common change', () => {
    const rows = section.split('\n').filter((line) => line.startsWith('| a'));
    expect(rows.map((row) => row.split('|')[1]?.trim())).toEqual([
      'a tool',
      'a pack',
      'a transport',
      'a shared-store backend',
      'a call hook',
      'an auth verifier',
    ]);
  });

  it('names files and folders that exist', () => {
    const paths = [...section.matchAll(/`((?:packages|examples)\/[^`\s]+)`/g)].map(
      (match) => match[1] as string,
    );
    expect(paths.length).toBeGreaterThan(15);
    expect(paths.filter((p) => !existsSync(path.join(WORKSPACE_ROOT, p)))).toEqual([]);
  });
});
