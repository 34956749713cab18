/**
 * The pack kit's types in one place: `scripts/bundleTypes.mjs` bundles the declarations of this module once
 * (bundle/kit.d.ts), and `mcp-panther/pack` and `mcp-panther/testing` re-export their names from it, so a type
 * both name (a pack, a client, an error class) is the same type in both.
 */
export * from './pack.js';
export * from './testing.js';
