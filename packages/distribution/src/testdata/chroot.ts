import type { ImageConfig } from './podman.js';

/**
 * How to run a command of an exported image the way a container runtime would, where containers cannot be run:
 * in a chroot of its file system, under `unshare` (its own mount and process namespaces, the machine's network),
 * as the image's user, in its working folder, with only its environment (and `env`, which wins). The root file
 * system is mounted read-only; /tmp is a fresh tmpfs, /proc and /dev are the usual ones. SIGKILL to the returned
 * process (unshare, which ignores SIGTERM and SIGINT while it waits) kills everything inside. The image needs coreutils' `env` (`-C`), as Debian-based ones have.
 */
export function chrootCommand(
  rootfs: string,
  image: ImageConfig,
  command: readonly string[],
  env: Readonly<Record<string, string>> = {},
): { command: string; args: string[] } {
  const vars = new Map(
    image.env.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  for (const [key, value] of Object.entries(env)) vars.set(key, value);
  const setup = [
    'set -e',
    'root=$1; shift',
    'mount --bind "$root" "$root"',
    'mount -o remount,bind,ro "$root"',
    'mount -t proc proc "$root/proc"',
    'mount --rbind /dev "$root/dev"',
    'mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"',
    // Not exec: this shell stays the namespace's first process, whose death (unshare's --kill-child) takes every
    // other process of the namespace with it. The command's own death signal would not survive its change of user.
    '"$@"',
  ].join('\n');
  return {
    command: 'unshare',
    args: [
      '--mount',
      '--pid',
      '--fork',
      '--kill-child',
      '--',
      'sh',
      '-c',
      setup,
      'sh',
      rootfs,
      'chroot',
      `--userspec=${image.user || '0:0'}`,
      rootfs,
      '/usr/bin/env',
      '-i',
      '-C',
      image.workingDir,
      ...[...vars].map(([key, value]) => `${key}=${value}`),
      ...command,
    ],
  };
}
