import type { MissingProgram } from './describeWithPrograms.js';

/** A suite the run skipped, and the file it is in. */
export interface SkippedSuite {
  readonly file: string;
  readonly missing: readonly MissingProgram[];
}

/**
 * The line printed just before the run's counts when suites were skipped: which programs were missing, in how many
 * files, and how to install each; undefined when none was. Counted in files, the unit a person reruns.
 */
export function missingProgramsLine(skipped: readonly SkippedSuite[]): string | undefined {
  const files = new Map<string, { install: string; files: Set<string> }>();
  for (const suite of skipped) {
    for (const program of suite.missing) {
      const entry = files.get(program.command) ?? { install: program.install, files: new Set<string>() };
      entry.files.add(suite.file);
      files.set(program.command, entry);
    }
  }
  if (files.size === 0) return undefined;
  const parts = [...files].map(
    ([command, entry]) =>
      `${command} in ${entry.files.size} file${entry.files.size === 1 ? '' : 's'} (install: ${entry.install})`,
  );
  return `Skipped for want of ${parts.join('; ')}; with CI=true they fail instead.`;
}
