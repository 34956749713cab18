import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../commandTarball.js';
import { installApp, type TargetPlatform } from '../installApp.js';

/** The Containerfile and the health check it copies, kept with the other deployment examples. */
export const CONTAINER_DIR = path.join(WORKSPACE_ROOT, 'examples', 'deploy', 'container');

/**
 * Writes the image's build context into `dir` (an empty folder): the Containerfile, the health check, and `app/`,
 * the command installed with npm from its packed tarball for `platform` (the image's platform: linux and its CPU).
 * The build itself then only copies files.
 */
export async function assembleImageContext(
  dir: string,
  tarball: string,
  platform?: TargetPlatform,
): Promise<void> {
  for (const file of ['Containerfile', 'healthcheck.mjs']) {
    await copyFile(path.join(CONTAINER_DIR, file), path.join(dir, file));
  }
  const app = path.join(dir, 'app');
  await mkdir(app);
  await installApp(tarball, app, platform);
}
