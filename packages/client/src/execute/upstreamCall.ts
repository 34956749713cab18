/** One call to Panther as the executor sees it: how to send one attempt and how to describe it in logs. */
export interface UpstreamCall<T> {
  /** Log fields: never the token, never query values. */
  readonly describe: {
    readonly api: 'rest' | 'graphql';
    readonly method: string;
    readonly path: string;
    /** GraphQL operation name, when the document has one. */
    readonly operation?: string | undefined;
  };
  /** The signal the caller gave (the MCP request's): passed to the upstream observer, never used to abort. */
  readonly origin?: AbortSignal | undefined;
  /** Reads may be repeated after network errors and 5xx; writes never (except after a 429). */
  readonly idempotent: boolean;
  /** Sends one attempt. Throws a `PantherApiError` for an error answer, or the signal's reason once aborted. */
  send(signal: AbortSignal): Promise<AttemptResult<T>>;
}

export interface AttemptResult<T> {
  value: T;
  status: number;
}
