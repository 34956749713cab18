/**
 * docs/deployment.md shows examples/deploy/nginx/mcp-panther.conf verbatim, and every file of examples/deploy/ the
 * docs and README link to exists: the files are what the end-to-end tests run (nginx.e2e, systemd.e2e, image.e2e).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from './testdata/workspacePackages.js';

const read = (file: string) => readFileSync(path.join(WORKSPACE_ROOT, file), 'utf8');
const deployment = read('docs/deployment.md');

describe('the deployment examples and the docs', () => {
  it('show the nginx example as the file is', () => {
    const blocks = [...deployment.matchAll(/^```nginx\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
    expect(blocks).toEqual([read('examples/deploy/nginx/mcp-panther.conf')]);
  });

  it('link only to files of examples/deploy that exist', () => {
    const docs = [
      'README.md',
      ...readdirSync(path.join(WORKSPACE_ROOT, 'docs'))
        .filter((file) => file.endsWith('.md'))
        .map((file) => `docs/${file}`),
    ];
    const named = docs.flatMap((doc) =>
      [...read(doc).matchAll(/examples\/deploy\/[\w./-]*[\w]/g)].map((match) => `${doc}: ${match[0]}`),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((entry) => !existsSync(path.join(WORKSPACE_ROOT, entry.split(': ')[1]!)))).toEqual(
      [],
    );
  });
});
