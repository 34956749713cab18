#!/usr/bin/env node
// The command's entry is bundle/bin.js (scripts/bundle.mjs). This launcher lives outside it so that package managers
// can link the `mcp-panther` bin at install time, before the first build in a clone.
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (a faster start from the second run on); older versions lack it.
module.enableCompileCache?.();
import('../bundle/bin.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('bundle/bin.js')) {
    console.error('mcp-panther is not built yet: run "pnpm run build" first');
    process.exit(1);
  }
  throw error;
});
