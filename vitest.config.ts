import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the "source"
// export condition, so unit tests need no build. Integration tests that spawn
// the CLI use the built dist/ (the `test` script builds first).
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
