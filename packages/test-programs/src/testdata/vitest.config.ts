import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// A run of its own for the fixture suites, with the workspace's closing-line reporter, as `pnpm test` runs them.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['*.fixture.ts'],
    pool: 'forks',
    maxWorkers: 1,
    reporters: ['default', fileURLToPath(new URL('../../../../vitest.summary.ts', import.meta.url))],
  },
});
