import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingPrograms, missingUnderCiMessage } from './describeWithPrograms.js';
import { isCi, whichProgram } from './programs.js';
import { missingProgramsLine } from './summary.js';

const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE_CONFIG = fileURLToPath(new URL('./testdata/vitest.config.ts', import.meta.url));

describe('whichProgram', () => {
  it('finds an executable file on PATH, skipping empty entries and folders without it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'programs-'));
    try {
      const program = path.join(dir, 'tool');
      writeFileSync(program, '#!/bin/sh\n');
      chmodSync(program, 0o755);
      writeFileSync(path.join(dir, 'plain-file'), '');
      const env = { PATH: ['', '/nonexistent-folder', dir].join(path.delimiter) };
      expect(whichProgram('tool', env)).toBe(program);
      expect(whichProgram('plain-file', env)).toBeUndefined();
      expect(whichProgram('absent', env)).toBeUndefined();
      expect(whichProgram('tool', {})).toBeUndefined();
      expect(whichProgram(program, {})).toBe(program);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists only the missing programs of a suite, with their install commands', () => {
    const env = { PATH: path.dirname(process.execPath) };
    expect(
      missingPrograms(
        [
          { command: path.basename(process.execPath), install: 'x' },
          { command: 'mcp-panther-absent-program', install: 'apt-get install -y absent' },
        ],
        env,
      ),
    ).toEqual([{ command: 'mcp-panther-absent-program', install: 'apt-get install -y absent' }]);
    expect(missingPrograms(['redis-server'], { PATH: '' })).toEqual([
      { command: 'redis-server', install: expect.stringContaining('apt-get install -y redis-server') },
    ]);
  });
});

describe('isCi', () => {
  it('is set by CI=true or 1, not by an empty, 0 or false CI', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({})).toBe(false);
    expect(isCi({ CI: '' })).toBe(false);
    expect(isCi({ CI: '0' })).toBe(false);
    expect(isCi({ CI: 'False' })).toBe(false);
  });
});

describe('the closing line', () => {
  it('names each missing program once, with its files counted and how to install it', () => {
    const redis = { command: 'redis-server', install: 'apt-get install -y redis-server' };
    const nginx = { command: 'nginx', install: 'apt-get install -y nginx' };
    const line = missingProgramsLine([
      { file: '/a.test.ts', missing: [redis] },
      { file: '/a.test.ts', missing: [redis] },
      { file: '/b.test.ts', missing: [redis, nginx] },
    ]);
    expect(line).toBe(
      'Skipped for want of redis-server in 2 files (install: apt-get install -y redis-server); ' +
        'nginx in 1 file (install: apt-get install -y nginx); with CI=true they fail instead.',
    );
    expect(line).not.toContain('\n');
    expect(missingProgramsLine([])).toBeUndefined();
  });

  it('under CI says what is missing and how to install it', () => {
    expect(missingUnderCiMessage([{ command: 'nginx', install: 'apt-get install -y nginx' }])).toBe(
      'nginx not installed, and CI is set: under CI these suites are required (.ci/run installs them). ' +
        'Install nginx: apt-get install -y nginx',
    );
  });
});

/** The fixture suites in a Vitest of their own; CI as given, the rest of the environment as this run's. */
function runFixture(ci: string | undefined): Promise<{ code: number; stdout: string; output: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'CI'),
  );
  env['NO_COLOR'] = '1';
  if (ci !== undefined) env['CI'] = ci;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(WORKSPACE_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', FIXTURE_CONFIG],
      { cwd: WORKSPACE_ROOT, env, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, output: stdout + stderr }),
    );
  });
}

describe('describeWithPrograms in a real run', () => {
  it('skips the suite whose program is missing and passes; one line before the counts says how to install it', async () => {
    const { code, stdout } = await runFixture(undefined);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual([
      'Skipped for want of mcp-panther-absent-program in 1 file ' +
        '(install: apt-get install -y absent-program); with CI=true they fail instead.',
      '1 passed, 0 failed, 1 skipped',
    ]);
    expect(lines.filter((line) => line.includes('mcp-panther-absent-program'))).toHaveLength(1);
    expect(code).toBe(0);
  });

  it('under CI=true fails the run, naming the program and its install command', async () => {
    const { code, stdout, output } = await runFixture('true');
    expect(output).toContain('needs mcp-panther-absent-program');
    expect(output).toContain('Install mcp-panther-absent-program: apt-get install -y absent-program');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed, 0 skipped');
    expect(code).toBe(1);
  });
});
