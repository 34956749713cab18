import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecked } from './run.js';

/** The workspace's root folder. */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_DIR = path.join(WORKSPACE_ROOT, 'packages', 'cli');

export interface CommandTarball {
  /** The `.tgz` file. */
  readonly file: string;
  readonly version: string;
}

/** How to run pnpm: the one running this script or test run (pnpm sets npm_execpath), else pnpm on the PATH. */
function pnpm(): { command: string; args: string[] } {
  const execPath = process.env['npm_execpath'];
  if (execPath && /pnpm/.test(path.basename(execPath))) {
    return /\.c?js$/.test(execPath)
      ? { command: process.execPath, args: [execPath] }
      : { command: execPath, args: [] };
  }
  return { command: 'pnpm', args: [] };
}

/**
 * Packs the `mcp-panther` command into `destination` as the release publishes it (`pnpm pack`: workspace versions
 * resolved, publishConfig applied). The command must be built (`pnpm run build`).
 */
export async function packCommand(destination: string): Promise<CommandTarball> {
  const { version } = JSON.parse(readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  if (!readdirSafe(path.join(CLI_DIR, 'bundle')).includes('bin.js')) {
    throw new Error('mcp-panther is not built: run "pnpm run build" first');
  }
  const { command, args } = pnpm();
  await runChecked(command, [...args, 'pack', '--pack-destination', destination], { cwd: CLI_DIR });
  return { file: path.join(destination, `mcp-panther-${version}.tgz`), version };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
