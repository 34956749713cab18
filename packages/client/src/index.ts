/** The public API of @mcp-panther/client: named exports only. */

export type { PantherApiErrorOptions, PantherErrorCode } from './errors.js';
export { codeForStatus, isPantherApiError, PantherApiError } from './errors.js';
export { encodePath } from './path.js';
export type {
  CacheKind,
  CallOptions,
  ClientStats,
  GraphQLRequestOptions,
  HttpMethod,
  PantherClient,
  PantherPermission,
  PantherUrls,
  QueryValue,
  RestRequest,
} from './types.js';
export { PANTHER_PERMISSIONS } from './types.js';
