import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../args.js';
import { type PackFileOptions, packFiles } from './packFiles.js';
import { PACK_ID, packNames } from './packNames.js';
import { TEMPLATE_VERSIONS } from './templateVersions.js';

export interface CreatedPack {
  readonly dir: string;
  readonly packageName: string;
  readonly files: readonly string[];
}

/**
 * Writes a new pack into `<parent>/<id>` (with `view`, an MCP Apps view of its tool too); refuses a bad id or a
 * folder that exists and is not empty.
 */
export function createPack(id: string, parent: string, options: PackFileOptions = {}): CreatedPack {
  if (!PACK_ID.test(id)) {
    throw new UsageError(
      `create-pack: the name "${id}" is not a pack id; use kebab-case letters and digits starting with a letter (for example "ioc-tools")`,
    );
  }
  const dir = path.resolve(parent, id);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UsageError(
      `create-pack: ${dir} already exists and is not empty; choose another name or folder`,
    );
  }
  const names = packNames(id);
  const files = packFiles(names, TEMPLATE_VERSIONS, options);
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return { dir, packageName: names.packageName, files: Object.keys(files) };
}
