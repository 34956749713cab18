/**
 * Test-only helpers (private package, never published): a suite declares the programs it needs besides Node, and is
 * skipped with one summary line where they are missing, or fails under CI=true. Import from `*.test.ts` files only.
 */

export type { MissingProgram } from './describeWithPrograms.js';
export { describeWithPrograms, missingPrograms, missingUnderCiMessage } from './describeWithPrograms.js';
export type { Program, ProgramName } from './programs.js';
export { isCi, PROGRAMS, whichProgram } from './programs.js';
export type { SkippedSuite } from './summary.js';
export { missingProgramsLine } from './summary.js';
