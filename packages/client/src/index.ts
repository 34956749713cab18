/** The public API of @mcp-panther/client: named exports only. */

export { createPantherClient } from './createPantherClient.js';
export type { PantherApiErrorOptions, PantherErrorCode, PantherGraphQLError } from './errors.js';
export { codeForStatus, isPantherApiError, PantherApiError } from './errors.js';
export type { UpstreamCallEvent, UpstreamCallObserver } from './observe/upstreamCallEvent.js';
export type {
  ClientEnv,
  ClientLogger,
  PantherCacheOptions,
  PantherClientOptions,
} from './options.js';
export { DEFAULT_CACHE_TTL_MS, DEFAULT_CLIENT_OPTIONS } from './options.js';
export { encodePath } from './path.js';
export type { PantherPermission } from './permissions.js';
export { PANTHER_PERMISSIONS } from './permissions.js';
export { defaultCacheKind } from './rest/restPaths.js';
export type { MemoryCacheStore, MemoryCacheStoreOptions } from './state/memoryCacheStore.js';
export { createMemoryCacheStore } from './state/memoryCacheStore.js';
export type { MemorySingleFlight } from './state/memorySingleFlight.js';
export { createMemorySingleFlight } from './state/memorySingleFlight.js';
export type {
  TokenBucketRateLimiter,
  TokenBucketRateLimiterOptions,
} from './state/tokenBucketRateLimiter.js';
export { createTokenBucketRateLimiter } from './state/tokenBucketRateLimiter.js';
export type {
  CacheStore,
  RateLimiter,
  SingleFlight,
  SingleFlightRunOptions,
  TagVersions,
} from './state/types.js';
export type {
  CacheKind,
  CallOptions,
  ClientStats,
  GraphQLRequestOptions,
  HttpMethod,
  PantherClient,
  PantherUrls,
  QueryValue,
  RestRequest,
} from './types.js';
export { emptyClientStats } from './types.js';
export type { ResolvePantherUrlsOptions } from './urls/resolvePantherUrls.js';
export { resolvePantherUrls } from './urls/resolvePantherUrls.js';
export { CLIENT_VERSION, DEFAULT_USER_AGENT } from './version.js';
