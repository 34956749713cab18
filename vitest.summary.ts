import { missingProgramsLine, type SkippedSuite } from '@mcp-panther/test-programs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `N passed, N failed, N skipped`, after the default reporter's summary, so that
 * any tool reading the end of the log can count the tests without parsing Vitest's own layout. When suites were
 * skipped because a program they run is not installed (describeWithPrograms in @mcp-panther/test-programs), one
 * line just before it names the programs and how to install them.
 */
export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const skippedSuites: SkippedSuite[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
      for (const suite of module.children.allSuites()) {
        const missing = suite.meta().missingPrograms;
        if (missing !== undefined) skippedSuites.push({ file: module.moduleId, missing });
      }
    }
    // The counts stay alone on the last line (tools read it as it is); what was skipped goes on the line before.
    const missing = missingProgramsLine(skippedSuites);
    if (missing !== undefined) process.stdout.write(`\n${missing}`);
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
