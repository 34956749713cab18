#!/usr/bin/env node
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packCommand, WORKSPACE_ROOT } from '../commandTarball.js';
import { runChecked } from '../run.js';
import { readCatalogue } from './catalogue.js';
import { bundleManifest } from './manifest.js';

/** The `mcpb` command of @anthropic-ai/mcpb, run with this Node. */
export function mcpbCli(): string {
  const require = createRequire(import.meta.url);
  // The package exports no package.json: its main module sits in dist/, beside cli/.
  return path.join(path.dirname(require.resolve('@anthropic-ai/mcpb')), 'cli', 'cli.js');
}

/** The built command of this workspace: the catalogue is read from it. */
const WORKSPACE_BIN = path.join(WORKSPACE_ROOT, 'packages', 'cli', 'bin', 'mcp-panther.js');

export interface BuiltBundle {
  readonly file: string;
  readonly version: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Writes `mcp-panther-<version>.mcpb` into `outDir`: the packed `mcp-panther` package unpacked under `server/`
 * (no node_modules: its one dependency, DuckDB, is the sandbox's and is left out) and a manifest listing every tool
 * and prompt, packed by `mcpb pack` (which validates the manifest first).
 */
export async function buildBundle(outDir: string): Promise<BuiltBundle> {
  const work = await mkdtemp(path.join(tmpdir(), 'mcp-panther-mcpb-'));
  try {
    const tarball = await packCommand(work);
    const staging = path.join(work, 'bundle');
    await mkdir(path.join(staging, 'server'), { recursive: true });
    await runChecked('tar', [
      '-xzf',
      tarball.file,
      '-C',
      path.join(staging, 'server'),
      '--strip-components=1',
    ]);
    const manifest = bundleManifest(tarball.version, await readCatalogue(WORKSPACE_BIN));
    await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, `mcp-panther-${tarball.version}.mcpb`);
    await runChecked(process.execPath, [mcpbCli(), 'pack', staging, file]);
    const bytes = (await stat(file)).size;
    const sha256 = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    return { file, version: tarball.version, bytes, sha256 };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // `pnpm run build:mcpb -- --out x` passes the `--` on.
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('Usage: pnpm run build:mcpb [--out DIR]   (default: the repository root)');
    return;
  }
  const built = await buildBundle(path.resolve(values.out ?? WORKSPACE_ROOT));
  console.log(
    `wrote ${path.relative(process.cwd(), built.file) || built.file} (${(built.bytes / 2 ** 20).toFixed(2)} MiB, sha256 ${built.sha256})`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
