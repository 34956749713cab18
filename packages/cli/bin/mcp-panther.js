#!/usr/bin/env node
// The command's entry is dist/bin.js. This launcher lives outside dist/ so that package managers can link the
// `mcp-panther` bin at install time, before the first build.
import('../dist/bin.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    console.error('mcp-panther is not built yet: run "pnpm run build" first');
    process.exit(1);
  }
  throw error;
});
