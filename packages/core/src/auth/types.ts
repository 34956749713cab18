import type { HostConfig } from '../config/schema.js';
import type { StaticToken } from '../config/secrets.js';
import type { Caller } from '../types.js';

/** Limits that apply to one caller, from its profile and the server's defaults. */
export interface CallerLimits {
  /** Open sessions this caller may hold (none: only the server-wide cap). */
  readonly maxSessions?: number | undefined;
  /** Requests per minute to the MCP endpoint (none: no limit). */
  readonly requestsPerMinute?: number | undefined;
  readonly burst?: number | undefined;
}

/** A request the authenticator admitted. */
export interface Admitted {
  readonly ok: true;
  /** Who is calling and with which profile; undefined when the request carries no identity. */
  readonly caller: Caller | undefined;
  /**
   * Keys this caller's sessions and rate limit; a session opened by one key is not found for another. Never
   * holds a token.
   */
  readonly key: string;
  /**
   * What this caller was granted, as a comparable string: its key, its profile and, for a static token, which
   * value of it. A session is served only while each of its requests brings the grant it was opened with. Never
   * holds a token.
   */
  readonly grant: string;
  /**
   * The grant the same caller would get now, under the tokens and profiles in force (after a reload); undefined
   * when it would be refused. Keeps what the credential said (subject, groups, scopes; a token's name), never the
   * credential.
   */
  readonly regrant?: (() => string | undefined) | undefined;
  readonly limits: CallerLimits;
}

/** A request the authenticator refused: the status, a message for the client, and headers (WWW-Authenticate). */
export interface Refused {
  readonly ok: false;
  readonly status: 401 | 403 | 503;
  readonly message: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Why, for the server log (never a token). */
  readonly reason: string;
}

export type AuthOutcome = Admitted | Refused;

/** What the HTTP transport needs from a request to authenticate it. */
export interface AuthRequest {
  readonly authorization: string | undefined;
  readonly remoteAddress: string;
}

/** How an HTTP server decides who a request comes from. */
export interface HttpAuth {
  /** For the "listening" log line: `none`, `bearer`, `tokens`, `oauth`, `oauth+tokens`. */
  readonly kind: string;
  /** Whether every request must authenticate (serving beyond loopback needs it). */
  readonly required: boolean;
  authenticate(request: AuthRequest): Promise<AuthOutcome>;
  /** Public JSON documents served by path with GET, without authentication (RFC 9728 metadata). */
  readonly documents: ReadonlyMap<string, unknown>;
  /** Fetches what the first request would otherwise wait for (the issuer's keys); never throws. */
  warm?(): Promise<void>;
  /**
   * Applies a reloaded config's static tokens and profiles (what callers are granted from now on); listeners are
   * then told, so that sessions whose grant changed end. Other fields (the issuer, the claims read) are read once.
   */
  reconfigure?(config: HostConfig, tokens: readonly StaticToken[]): void;
  /** Called after each `reconfigure`; returns the function that stops listening. */
  onChange?(listener: () => void): () => void;
}
