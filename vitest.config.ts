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
    // eventsource-parser (imported by the SDK's HTTP client transport) also exports a "source" condition pointing
    // at TypeScript files; inlining it and its importer lets Vite transform them instead of Node failing on ".ts".
    server: { deps: { inline: ['eventsource-parser', '@modelcontextprotocol/sdk'] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './vitest.summary.ts'],
  },
});
