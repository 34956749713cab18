import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The workspace's packages as the release sees them, and `pnpm pack`, which the release's `pnpm publish` runs. */

export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly engines?: { readonly node?: string };
  readonly files?: readonly string[];
  readonly exports?: unknown;
  readonly bin?: Readonly<Record<string, string>>;
  readonly keywords?: readonly string[];
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string };
  readonly publishConfig?: { readonly access?: string; readonly exports?: unknown };
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

export interface WorkspacePackage {
  /** Folder relative to the workspace root: `packages/core`. */
  readonly folder: string;
  readonly dir: string;
  readonly manifest: Manifest;
}

/** Every package of the workspace (packages/*, examples/*), in folder order. */
export function workspacePackages(): WorkspacePackage[] {
  return ['packages', 'examples'].flatMap((parent) =>
    readdirSync(path.join(WORKSPACE_ROOT, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const dir = path.join(WORKSPACE_ROOT, parent, entry.name);
        try {
          const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
          return [{ folder: `${parent}/${entry.name}`, dir, manifest }];
        } catch {
          return [];
        }
      }),
  );
}

/** The packages the release publishes. */
export function publicPackages(): WorkspacePackage[] {
  return workspacePackages().filter((p) => p.manifest.private !== true);
}

/** How to run pnpm: the one running this test run (`pnpm test` sets npm_execpath), else pnpm on the PATH. */
function pnpmCommand(): { file: string; args: string[] } {
  const execPath = process.env['npm_execpath'];
  if (execPath && /pnpm/.test(path.basename(execPath))) {
    return /\.[cm]?js$/.test(execPath)
      ? { file: process.execPath, args: [execPath] }
      : { file: execPath, args: [] };
  }
  return { file: 'pnpm', args: [] };
}

export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** The tarball's path. */
  readonly filename: string;
  /** The files in the tarball, relative to its package folder. */
  readonly files: readonly string[];
}

/** `pnpm pack` of one package folder into `destination` (workspace and catalog versions replaced, publishConfig applied). */
export async function packPackage(dir: string, destination: string): Promise<PackedPackage> {
  const pnpm = pnpmCommand();
  const { stdout } = await promisify(execFile)(
    pnpm.file,
    [...pnpm.args, 'pack', '--pack-destination', destination, '--json'],
    { cwd: dir, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const packed = JSON.parse(stdout) as { name: string; version: string; filename: string };
  // The tarball's own listing: pnpm adds files (the workspace's LICENSE) that its report leaves out.
  const { stdout: listing } = await promisify(execFile)('tar', ['-tzf', packed.filename]);
  const files = listing
    .split('\n')
    .filter((line) => line.startsWith('package/') && !line.endsWith('/'))
    .map((line) => line.slice('package/'.length));
  return { name: packed.name, version: packed.version, filename: packed.filename, files };
}
