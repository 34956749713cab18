import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type RunResult, runChecked } from '../run.js';

/**
 * Podman with a store of its own under `dir` (vfs: no overlay mounts to clean up; cgroupfs and a file event log:
 * no systemd needed), so that a test neither sees nor leaves images in the machine's store.
 */
export function isolatedPodman(dir: string) {
  const options = [
    '--root',
    path.join(dir, 'root'),
    '--runroot',
    path.join(dir, 'run'),
    '--storage-driver',
    'vfs',
    '--cgroup-manager',
    'cgroupfs',
    '--events-backend',
    'file',
  ];
  return {
    options,
    run: (args: readonly string[], timeoutMs = 300_000): Promise<RunResult> =>
      runChecked('podman', [...options, ...args], { timeoutMs }),
    /** Removes the store (the vfs layers are plain folders). */
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export type IsolatedPodman = ReturnType<typeof isolatedPodman>;

/** What an image says about how to run it (`podman image inspect`). */
export interface ImageConfig {
  readonly user: string;
  readonly env: readonly string[];
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly workingDir: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly exposedPorts: readonly string[];
  /** The health check's command (`["CMD", …]`), if any. */
  readonly healthcheck: readonly string[] | undefined;
  readonly sizeBytes: number;
}

interface Inspected {
  Size: number;
  Config: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[];
    Cmd?: string[];
    WorkingDir?: string;
    Labels?: Record<string, string>;
    ExposedPorts?: Record<string, unknown>;
  };
  Healthcheck?: { Test?: string[] };
}

export async function inspectImage(podman: IsolatedPodman, image: string): Promise<ImageConfig> {
  const [inspected] = JSON.parse((await podman.run(['image', 'inspect', image])).stdout) as Inspected[];
  if (!inspected) throw new Error(`podman image inspect ${image} found nothing`);
  const config = inspected.Config;
  return {
    user: config.User ?? '',
    env: config.Env ?? [],
    entrypoint: config.Entrypoint ?? [],
    cmd: config.Cmd ?? [],
    workingDir: config.WorkingDir || '/',
    labels: config.Labels ?? {},
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    healthcheck: inspected.Healthcheck?.Test,
    sizeBytes: inspected.Size,
  };
}

/** The image's file system, as `podman create` + `podman export` give it, unpacked into `dest`. */
export async function exportImage(podman: IsolatedPodman, image: string, dest: string): Promise<void> {
  const id = (await podman.run(['create', '--no-healthcheck', image])).stdout.trim();
  try {
    const tar = `${dest}.tar`;
    await podman.run(['export', '--output', tar, id]);
    await mkdir(dest);
    await runChecked('tar', ['-C', dest, '-xf', tar]);
    await rm(tar);
  } finally {
    await podman.run(['rm', id]);
  }
}
