#!/usr/bin/env node
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packCommand, WORKSPACE_ROOT } from '../commandTarball.js';
import { folderBytes } from '../folderBytes.js';
import { run, runChecked } from '../run.js';
import { assembleImageContext } from './context.js';

export interface ImageBuild {
  /** `podman` or `docker`. */
  readonly builder: string;
  /** Options before the builder's subcommand (podman's `--root`, `--storage-driver`…). */
  readonly builderOptions?: readonly string[];
  /** Default `mcp-panther:<version>`. */
  readonly tag?: string;
  /** The base image (default: the Containerfile's, a slim official Node image). */
  readonly base?: string;
  /** linux CPU of the image (`x64`, `arm64`: npm's names); default this machine's, with no --platform asked. */
  readonly cpu?: string;
}

export interface BuiltImage {
  readonly tag: string;
  readonly version: string;
  /** Bytes of the app layer's files (node_modules of the command and DuckDB). */
  readonly appBytes: number;
}

const DOCKER_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

/** The commit being built, when this is a git checkout. */
async function revision(): Promise<string> {
  const result = await run('git', ['rev-parse', 'HEAD'], { cwd: WORKSPACE_ROOT }).catch(() => undefined);
  return result?.code === 0 ? result.stdout.trim() : 'unknown';
}

/**
 * Packs the built command, assembles the build context outside the image (npm, from the tarball) and builds the
 * image from examples/deploy/container/Containerfile with its OCI labels. The health check is kept, which podman
 * writes only in Docker's image format.
 */
export async function buildImage(options: ImageBuild): Promise<BuiltImage> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-image-'));
  try {
    const tarball = await packCommand(dir);
    const context = path.join(dir, 'context');
    const cpu = options.cpu ?? process.arch;
    await mkdir(context);
    await assembleImageContext(context, tarball.file, { os: 'linux', cpu });
    const appBytes = folderBytes(path.join(context, 'app', 'node_modules'));
    const tag = options.tag ?? `mcp-panther:${tarball.version}`;
    const buildArgs = {
      VERSION: tarball.version,
      REVISION: await revision(),
      CREATED: new Date().toISOString(),
      ...(options.base ? { BASE: options.base } : {}),
    };
    await runChecked(
      options.builder,
      [
        ...(options.builderOptions ?? []),
        'build',
        ...(path.basename(options.builder) === 'podman' ? ['--format', 'docker', '--layers=false'] : []),
        ...(options.cpu ? ['--platform', `linux/${DOCKER_ARCH[cpu] ?? cpu}`] : []),
        ...Object.entries(buildArgs).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]),
        '--tag',
        tag,
        context,
      ],
      { timeoutMs: 900_000 },
    );
    return { tag, version: tarball.version, appBytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // `pnpm run build:image -- --tag x` passes the `--` on.
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: {
      builder: { type: 'string' },
      tag: { type: 'string' },
      base: { type: 'string' },
      cpu: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      [
        'Usage: pnpm run build:image [options]',
        '',
        '  --tag T       image name (default mcp-panther:<version>)',
        '  --builder B   podman or docker (default: the first found)',
        '  --base IMAGE  base image with Node >= 20.19 (default docker.io/library/node:24-bookworm-slim)',
        "  --cpu C       x64 or arm64 (default this machine's)",
      ].join('\n'),
    );
    return;
  }
  const builder = values.builder ?? (await firstFound(['podman', 'docker']));
  if (!builder)
    throw new Error('neither podman nor docker was found on the PATH: install one, or pass --builder');
  const built = await buildImage({
    builder,
    ...(values.tag ? { tag: values.tag } : {}),
    ...(values.base ? { base: values.base } : {}),
    ...(values.cpu ? { cpu: values.cpu } : {}),
  });
  console.log(
    `built ${built.tag} (mcp-panther ${built.version}; app layer ${(built.appBytes / 2 ** 20).toFixed(1)} MiB)`,
  );
}

async function firstFound(names: readonly string[]): Promise<string | undefined> {
  for (const name of names) {
    const found = await run(name, ['--version']).catch(() => undefined);
    if (found?.code === 0) return name;
  }
  return undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
