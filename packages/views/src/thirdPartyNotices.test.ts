import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VIEW_NAMES } from './index.js';
import { missingNotices, thirdPartyPackages } from './testdata/bundledPackages.js';

// The built views (`pnpm run build`): every npm package whose code Rollup put into a view, by the view's own list
// of bundled module files, has its name, version and licence text in dist/THIRD-PARTY-NOTICES.md, and is named in
// the page's notice comment.

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');

const bundledFiles = (view: string): string[] =>
  (JSON.parse(readFileSync(path.join(dist, 'html', `${view}.modules.json`), 'utf8')) as string[]).map(
    (file) => path.resolve(root, file),
  );

describe('third-party notices of the views', () => {
  it.each(VIEW_NAMES)(
    '%s: every bundled package is in the notices, with its licence text, and named in the page',
    (view) => {
      const files = bundledFiles(view);
      expect(files.filter((file) => !existsSync(file))).toEqual([]);
      // The list is the bundle's: the view's own entry is in it, and packages besides ours.
      expect(files).toContain(path.join(root, 'web', view, 'main.ts'));
      const packages = thirdPartyPackages(files);
      expect(packages.length).toBeGreaterThan(0);

      const notices = readFileSync(path.join(dist, 'THIRD-PARTY-NOTICES.md'), 'utf8');
      expect(missingNotices(notices, packages)).toEqual([]);

      const html = readFileSync(path.join(dist, 'html', `${view}.html`), 'utf8');
      const comment =
        /^<!doctype html>\n<!-- Bundled third-party code: ([^\n]*?)\. Licences: [^\n]*THIRD-PARTY-NOTICES\.md[^\n]* -->\n/.exec(
          html,
        );
      expect(comment, 'the notice comment under the doctype').not.toBeNull();
      const named = (comment?.[1] ?? '').split(', ').map((entry) => entry.replace(/ \([^)]*\)$/, ''));
      expect(named.sort()).toEqual(packages.map((p) => `${p.name}@${p.version}`).sort());
    },
  );
});
