import path from 'node:path';
import type { ParsedArgs } from '../args.js';
import { createPack as writePack } from '../createPack/createPack.js';

/** `mcp-panther create-pack <name>`: writes a pack folder whose tests pass as generated, and says what next. */
export async function createPack(name: string, values: ParsedArgs['values']): Promise<number> {
  const created = writePack(name, values.dir ?? process.cwd());
  const relative = path.relative(process.cwd(), created.dir) || '.';
  process.stdout.write(
    [
      `Created ${created.packageName} in ${created.dir}:`,
      ...created.files.map((file) => `  ${file}`),
      '',
      'Next:',
      `  cd ${relative}`,
      '  npm install',
      '  npm test',
      '',
      `Then install it next to your mcp-panther config file and add "${created.packageName}" to its "packs".`,
      '',
    ].join('\n'),
  );
  return 0;
}
