#!/usr/bin/env node
import 'reflect-metadata';
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; if a stray handle still holds the event loop, do not hang the MCP client.
    setTimeout(() => process.exit(code), 3_000).unref();
  },
  (error: unknown) => {
    console.error(`mcp-panther: ${(error as Error).message}`);
    process.exit(1);
  },
);
