#!/usr/bin/env node
import 'reflect-metadata';
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`mcp-panther: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
