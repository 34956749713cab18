import path from 'node:path';
import type { ParsedArgs } from '../args.js';
import { createPack as writePack } from '../createPack/createPack.js';
import { HOST_ON_NPM } from '../createPack/templateVersions.js';
import { CLI_PACKAGE_DIR } from '../version.js';

/** A path as one shell word: quoted when it holds anything a shell would split or expand. */
const shellWord = (text: string): string =>
  /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The first install of a new pack. Its one dependency, mcp-panther, comes from the registry once it is published;
 * until then from this very command's folder, linked without being saved, so the pack's package.json stays as it
 * will be published (`npm install` keeps the link afterwards).
 */
export function firstInstall(): string {
  return HOST_ON_NPM ? 'npm install' : `npm install --no-save ${shellWord(path.resolve(CLI_PACKAGE_DIR))}`;
}

/**
 * `mcp-panther create-pack <name> [--view]`: writes a pack folder whose tests pass as generated (with `--view`,
 * its tool links an MCP Apps view), and says what next.
 */
export async function createPack(name: string, values: ParsedArgs['values']): Promise<number> {
  const view = values.view === true;
  const created = writePack(name, values.dir ?? process.cwd(), { view });
  const relative = path.relative(process.cwd(), created.dir) || '.';
  process.stdout.write(
    [
      `Created ${created.packageName} in ${created.dir}:`,
      ...created.files.map((file) => `  ${file}`),
      '',
      'Next:',
      `  cd ${shellWord(relative)}`,
      `  ${firstInstall()}`,
      '  npm test',
      ...(view
        ? ['  npm run build       # dist/, with the view as one HTML file: dist/views/recent-alerts.html']
        : []),
      '',
      `Then "npm pack", install the .tgz next to your mcp-panther config file and add "${created.packageName}" to its "packs".`,
      '',
    ].join('\n'),
  );
  return 0;
}
