import { describe, expect, it } from 'vitest';
import { applyIndexEdit, readPackDoc } from '../testdata/packDoc.js';
import { packFiles } from './packFiles.js';
import { packNames } from './packNames.js';
import { TEMPLATE_VERSIONS } from './templateVersions.js';

// docs/writing-a-tool-pack.md quotes the files `create-pack demo` writes; the install test installs, tests, builds
// and loads such a pack with the page's config, so the page's examples are compiled and run.

describe('docs/writing-a-tool-pack.md', () => {
  it('quotes what create-pack writes, file for file', () => {
    // The page shows the first release's version ranges; templateVersions.test.ts keeps the template's own in step.
    const generated = packFiles(packNames('demo'), {
      ...TEMPLATE_VERSIONS,
      core: '^0.1.0',
      host: '^0.1.0',
    });
    const quoted = readPackDoc().files;
    expect(Object.keys(quoted).sort()).toEqual(
      [
        'package.json',
        'src/index.ts',
        'src/index.test.ts',
        'src/tools/demo-list-recent-alerts.ts',
        'src/tools/demo-list-recent-alerts.test.ts',
      ].sort(),
    );
    for (const [file, text] of Object.entries(quoted)) expect(text, file).toBe(generated[file]);
  });

  it('loads the generated pack by package name, with a config its schema accepts', () => {
    const config = JSON.parse(readPackDoc().config) as { packs: unknown[] };
    expect(config.packs).toContainEqual(['mcp-panther-pack-demo', { config: { maxAlerts: 5 } }]);
  });

  it('adds its second tool to the generated pack with one import and one tools line', () => {
    const index = packFiles(packNames('demo'), TEMPLATE_VERSIONS)['src/index.ts']!;
    const edited = applyIndexEdit(index, readPackDoc().addTool['src/index.ts'] ?? '');
    expect(edited).toContain("import { demoGetAlert } from './tools/demo-get-alert.js';");
    expect(edited).toContain('  tools: [demoListRecentAlerts, demoGetAlert],');
    expect(edited.split('\n').length).toBe(index.split('\n').length + 1);
    expect(Object.keys(readPackDoc().shell)).toEqual(['start', 'test and pack', 'install', 'view']);
  });

  it('quotes what create-pack --view writes for the view, and links it from the tool', () => {
    const generated = packFiles(packNames('demo-board'), TEMPLATE_VERSIONS, { view: true });
    const quoted = readPackDoc().viewFiles;
    expect(Object.keys(quoted)).toEqual(['src/views/recent-alerts.ts']);
    for (const [file, text] of Object.entries(quoted)) expect(text, file).toBe(generated[file]);
    expect(readPackDoc().shell['view']).toContain('mcp-panther create-pack demo-board --view\n');
    const tool = generated['src/tools/demo-board-list-recent-alerts.ts'];
    expect(tool).toContain("import { recentAlertsView } from '../views/recent-alerts.js';");
    expect(tool).toContain('  view: recentAlertsView,\n');
  });
});
