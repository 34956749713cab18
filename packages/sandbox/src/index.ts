/**
 * The public API of @mcp-panther/sandbox: named exports only. A local Panther-compatible API (REST and
 * GraphQL wire formats) over DuckDB with generated security data.
 */

export type { Permission } from './auth/permissions.js';
export { PANTHER_PERMISSIONS, SANDBOX_TOKEN_PERMISSIONS } from './auth/permissions.js';
export { adversarialCorpus, type SeededPayload } from './generate/corpus/layout.js';
export {
  ADVERSARIAL_PAYLOADS,
  type AdversarialPayload,
  type PayloadCarrier,
  type PayloadTechnique,
} from './generate/corpus/payloads.js';
/** The SDL of the GraphQL schema the sandbox serves (a subset of Panther's published schema). */
export { SCHEMA_SDL as SANDBOX_SCHEMA_SDL } from './graphql/schema.js';
export { startSandbox } from './startSandbox.js';
export type {
  Sandbox,
  SandboxLogger,
  SandboxOptions,
  SandboxStats,
  SandboxTokenName,
} from './types.js';
export { SANDBOX_TOKEN_NAMES } from './types.js';
