/**
 * The public API of @mcp-panther/core: named exports only. Everything a pack author needs is here;
 * anything not exported is internal and may change.
 */
export type {
  CacheKind,
  GraphQLRequestOptions,
  PantherClient,
  PantherPermission,
  RestRequest,
} from '@mcp-panther/client';
export { encodePath, isPantherApiError, PantherApiError } from '@mcp-panther/client';
export { definePack, definePrompt } from './define/definePack.js';
export { defineTool, deriveAnnotations } from './define/defineTool.js';
export type {
  Access,
  AnyTool,
  DerivedAnnotations,
  Logger,
  PackDefinition,
  PermissionRequirement,
  PolicyMode,
  PromptContext,
  PromptDefinition,
  ToolContext,
  ToolDefinition,
} from './define/types.js';
export { PACK_API_VERSION } from './define/types.js';
export type { HostErrorCode } from './errors.js';
export { isMcpHostError, McpHostError, ToolInputError } from './errors.js';
