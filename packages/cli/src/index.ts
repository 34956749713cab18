/** The mcp-panther command as a function (for embedding and tests). Named exports only. */
export { main } from './main.js';
export { CLI_VERSION } from './version.js';
