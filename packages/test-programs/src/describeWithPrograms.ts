import { describe, it } from 'vitest';
import { isCi, type Program, type ProgramName, programOf, whichProgram } from './programs.js';

/** What a skipped suite lacked, in its Vitest task meta, for the root reporter's summary line. */
export interface MissingProgram {
  readonly command: string;
  readonly install: string;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set on a suite skipped because these programs are not installed (see describeWithPrograms). */
    missingPrograms?: MissingProgram[];
  }
}

/** The programs of `needs` that `PATH` lacks. */
export function missingPrograms(
  needs: readonly (ProgramName | Program)[],
  env: NodeJS.ProcessEnv = process.env,
): MissingProgram[] {
  return needs
    .map(programOf)
    .filter((program) => whichProgram(program.command, env) === undefined)
    .map(({ command, install }) => ({ command, install }));
}

/** The failure a CI run reports for a suite whose programs are missing. */
export function missingUnderCiMessage(missing: readonly MissingProgram[]): string {
  const names = missing.map((m) => m.command).join(', ');
  const installs = missing.map((m) => `${m.command}: ${m.install}`).join('; ');
  return `${names} not installed, and CI is set: under CI these suites are required (.ci/run installs them). Install ${installs}`;
}

/**
 * `describe(name, fn)` for a suite that runs programs besides Node. Where every program is on `PATH` the suite runs
 * as written. Where one is missing the suite is skipped (its tests are reported as skipped, its hooks do not run)
 * and the root reporter names it in one closing line with the install command; under `CI=true` the suite instead
 * fails with one test saying what is missing, so CI cannot pass by skipping.
 */
export function describeWithPrograms(
  needs: readonly (ProgramName | Program)[],
  name: string,
  fn: () => void,
): void {
  const missing = missingPrograms(needs);
  if (missing.length === 0) {
    describe(name, fn);
  } else if (isCi()) {
    describe(name, () => {
      it(`needs ${missing.map((m) => m.command).join(', ')}`, () => {
        throw new Error(missingUnderCiMessage(missing));
      });
    });
  } else {
    describe(name, { skip: true, meta: { missingPrograms: missing } }, fn);
  }
}
