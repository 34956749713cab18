import { writeFile } from 'node:fs/promises';
import { runChecked } from './run.js';

/** A platform to install native code for (npm's `--os` and `--cpu`), as Node names them. */
export interface TargetPlatform {
  readonly os: NodeJS.Platform;
  readonly cpu: string;
}

/**
 * Installs the packed command into `dir` with plain npm, as a user would (`node_modules/mcp-panther` and its one
 * dependency, DuckDB, with the native binding of `platform`, by default this machine's). No dev dependencies, no
 * lock file, nothing saved: the folder holds only what runs.
 */
export async function installApp(tarball: string, dir: string, platform?: TargetPlatform): Promise<void> {
  // A package.json of its own, so that npm installs here and not into an enclosing project.
  await writeFile(`${dir}/package.json`, '{ "name": "mcp-panther-app", "private": true }\n');
  await runChecked(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--omit=dev',
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      '--loglevel=error',
      ...(platform ? ['--os', platform.os, '--cpu', platform.cpu] : []),
      tarball,
    ],
    { cwd: dir },
  );
}
