/**
 * The contract between the Panther client and everything that uses it (the host, the packs, tests).
 * Packs receive a `PantherClient` in their tool context and never construct one.
 */

/** How long a cached read lives; each kind has its own TTL in the client options. */
export type CacheKind =
  /** Rarely changing catalogues: databases, tables, schemas, roles, data models, helpers. */
  | 'catalog'
  /** Detections and scheduled queries. */
  | 'detections'
  /** Alerts, comments and events: change often, short TTL. */
  | 'alerts'
  /** Metrics series. */
  | 'metrics'
  /** The token's own identity and permissions. */
  | 'identity'
  /** Never cached (still coalesced while in flight). */
  | 'none';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue =
  | string
  | number
  | boolean
  | readonly (string | number | boolean)[]
  | null
  | undefined;

export interface CallOptions {
  /** The MCP request's abort signal; aborting ends the call with an `ABORTED` error. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's default timeout for this call. */
  timeoutMs?: number | undefined;
}

export interface RestRequest extends CallOptions {
  method: HttpMethod;
  /** Path below the REST base, starting with `/`; path parameters already encoded (use `encodePath`). */
  path: string;
  /** Query parameters; arrays are sent as repeated keys (`severity=HIGH&severity=LOW`); null/undefined are dropped. */
  query?: Readonly<Record<string, QueryValue>> | undefined;
  body?: unknown;
  /**
   * GET only: how long the answer may be cached. Defaults to the kind derived from the path
   * (see `defaultCacheKind`).
   */
  cacheKind?: CacheKind | undefined;
  /**
   * Cache tags. A read is stored under these tags; a write invalidates them when it ends (whatever the
   * outcome, since a failed write may still have happened). The first path segment (`alerts`) is always
   * included; tags given here are added to it (e.g. `POST /alert-comments` with `tags: ['alerts']`).
   */
  tags?: readonly string[] | undefined;
}

export interface GraphQLRequestOptions extends CallOptions {
  /** Queries are reads (cached, coalesced, retried); mutations are writes. Default: from the document. */
  kind?: 'query' | 'mutation' | undefined;
  /** Queries only: TTL kind. Default `none` (coalesced but not cached). */
  cacheKind?: CacheKind | undefined;
  /** Same meaning as for REST. Queries default to no tags; mutations should name what they change. */
  tags?: readonly string[] | undefined;
}

export interface PantherUrls {
  /** REST base, without a trailing slash (e.g. `https://api.acme.runpanther.net`). */
  readonly rest: string;
  /** GraphQL endpoint (REST base + `/public/graphql` unless overridden). */
  readonly graphql: string;
}

/** Counters that tests and the benchmark read. All monotonic since the client was made. */
export interface ClientStats {
  /** Calls sent upstream (each retry counts). */
  upstreamCalls: number;
  /** Reads answered from the cache. */
  cacheHits: number;
  /** Reads that joined an identical read already in flight. */
  coalesced: number;
  /** Retries of idempotent reads. */
  retries: number;
  /** Waits imposed by the request-rate limit or a 429 Retry-After. */
  throttledWaits: number;
  /** Calls currently in flight upstream, and the highest number seen. */
  inFlight: number;
  maxInFlight: number;
  /**
   * Operations of a cache store, rate limiter or single flight that failed or did not answer in time; the calls
   * went on without the part (see `PantherClientOptions.partTimeoutMs`).
   */
  partErrors: number;
}

/** Counters of a client that has sent nothing yet (a fresh object each time: clients count in their own). */
export function emptyClientStats(): ClientStats {
  return {
    upstreamCalls: 0,
    cacheHits: 0,
    coalesced: 0,
    retries: 0,
    throttledWaits: 0,
    inFlight: 0,
    maxInFlight: 0,
    partErrors: 0,
  };
}

export interface PantherClient {
  readonly urls: PantherUrls;
  readonly stats: Readonly<ClientStats>;
  rest<T = unknown>(request: RestRequest): Promise<T>;
  graphql<T = unknown, V extends object = Record<string, unknown>>(
    document: string,
    variables?: V,
    options?: GraphQLRequestOptions,
  ): Promise<T>;
  /** Drops cached reads carrying any of these tags (a remote cache store may take a moment). */
  invalidate(tags: readonly string[]): void;
  /**
   * Ends calls still running (ABORTED), keep-alive connections and timers, and closes the parts the client built
   * (never ones given in the options).
   */
  close(): Promise<void>;
}
