import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { registerModuleHooks } from '../loading/hostModules.js';

/** An error while loading a config file, carrying the file's path (the search only knows the folder). */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  constructor(
    readonly filepath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * cosmiconfig's loader for `mcp-panther.config.ts`: imported as an ES module with its types stripped by the host's
 * module hooks, so it needs no TypeScript on the user's machine (cosmiconfig's own loader needs the `typescript`
 * package). It may import `@mcp-panther/core` (for `defineConfig`) without installing it: the host provides its
 * own. The file's modification time is part of the URL, so an edited file is read again in the same process.
 */
export async function loadTypeScriptConfig(filepath: string): Promise<unknown> {
  registerModuleHooks();
  const url = pathToFileURL(filepath);
  // Node keeps one module per URL: the modification time in the query makes an edited file a new module.
  url.searchParams.set('mtime', String(Math.trunc(statSync(filepath).mtimeMs)));
  try {
    const namespace = (await import(url.href)) as { default?: unknown };
    return namespace.default ?? namespace;
  } catch (error) {
    throw new ConfigFileError(filepath, (error as Error).message, { cause: error });
  }
}
