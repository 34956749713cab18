/**
 * What the client tells an `onUpstreamCall` observer after each attempt it sent to Panther (metrics, trace
 * spans). Built only when an observer is set; never holds the token, a query value or an identifier from a path.
 */
export interface UpstreamCallEvent {
  readonly api: 'rest' | 'graphql';
  readonly method: string;
  /**
   * A label of bounded cardinality: the REST route with identifiers replaced (`GET /alerts/{id}/events`), or
   * the GraphQL operation name (`anonymous` when the document has none).
   */
  readonly operation: string;
  /** HTTP status of Panther's answer; undefined when none came (network failure, timeout, cancellation). */
  readonly status: number | undefined;
  /** The error code when the attempt failed (`NOT_FOUND`, `NETWORK`, `TIMEOUT`…); undefined when it succeeded. */
  readonly code: string | undefined;
  /** 1 for the first attempt; more when the call was retried (after a transient failure or a 429). */
  readonly attempt: number;
  /** When the attempt started, in milliseconds since the epoch (sub-millisecond precision). */
  readonly startTime: number;
  readonly durationMs: number;
  /**
   * The signal given in the call's options (the MCP request's), so an observer can tie the attempt to the request
   * that caused it. A read that joined another caller's call in flight is sent, and reported, once: with the
   * signal of the caller that sent it.
   */
  readonly signal: AbortSignal | undefined;
}

/** Told about every attempt sent to Panther. Must be cheap; what it throws is ignored. */
export type UpstreamCallObserver = (event: UpstreamCallEvent) => void;
