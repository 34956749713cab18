import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** A program a test suite runs besides Node, and how a person installs it. */
export interface Program {
  /** The command, looked up on `PATH` as `spawn` does. */
  readonly command: string;
  /** How to install it, a phrase for the run's closing line: Debian's command first (CI runs Debian), then macOS. */
  readonly install: string;
}

/** The programs the workspace's suites use. A suite may also pass a `Program` of its own. */
export const PROGRAMS = {
  'redis-server': {
    command: 'redis-server',
    install: 'apt-get install -y redis-server, or on macOS brew install redis',
  },
  nginx: { command: 'nginx', install: 'apt-get install -y nginx, or on macOS brew install nginx' },
  chromium: {
    command: 'chromium',
    install: 'apt-get install -y chromium, or on macOS brew install --cask chromium',
  },
  podman: { command: 'podman', install: 'apt-get install -y podman, or on macOS brew install podman' },
  debootstrap: {
    command: 'debootstrap',
    install: 'apt-get install -y debootstrap (Debian or Ubuntu, as root)',
  },
  'systemd-analyze': { command: 'systemd-analyze', install: 'apt-get install -y systemd (Linux only)' },
} as const satisfies Record<string, Program>;

export type ProgramName = keyof typeof PROGRAMS;

export const programOf = (program: ProgramName | Program): Program =>
  typeof program === 'string' ? PROGRAMS[program] : program;

/** The absolute path `spawn(command)` would run, or undefined when no folder of `PATH` has it executable. */
export function whichProgram(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (command.includes('/')) return isExecutableFile(command) ? path.resolve(command) : undefined;
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** CI sets `CI` (GitHub Actions, GitLab and .ci/run's callers use `CI=true`); "", "0" and "false" mean not CI. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['CI']?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}
