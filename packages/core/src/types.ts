/**
 * The host's own data types, shared by its modules (and exported from the package index where public).
 * Pack-authoring types live in define/types.ts.
 */
import type { PantherClient } from '@mcp-panther/client';
import type { Logger, PackDefinition } from './define/types.js';

/** What the host knows about the Panther it talks to. */
export interface PantherTarget {
  readonly rest: string;
  readonly graphql: string;
  /**
   * Facts about this Panther shown in `config://panther` next to the URLs (the CLI says whether it is a
   * generated sandbox, for example).
   */
  readonly facts?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** A sentence added to the server instructions (for example, that the data is generated). */
  readonly instructions?: string | undefined;
  /** A short name for log lines and reports ("Panther", "sandbox"). */
  readonly label?: string | undefined;
}

/** One Panther token's share of the client's state (cache, in-flight reads). */
export interface ClientScope {
  readonly target: PantherTarget;
  /**
   * Keeps apart what answers of different tokens may not share (cache entries, shared in-flight reads):
   * derived from the instance and the token, never containing the token.
   */
  readonly namespace: string;
}

/** What a pack made while the packs load gets: the host's connected client and a logger. */
export interface PackBuildContext {
  readonly client: PantherClient;
  readonly logger: Logger;
}

/**
 * One pack as the config names it. `pack` is set when the pack object is given directly (tests, embedding);
 * `build` makes it when the packs load, once Panther is connected (at start-up and on every reload): packs built
 * from a config section and what Panther holds, such as query tools.
 */
export interface PackSource {
  readonly specifier: string;
  readonly enabled: boolean;
  readonly optional: boolean;
  readonly config: unknown;
  readonly pack?: unknown;
  readonly build?: ((context: PackBuildContext) => Promise<unknown>) | undefined;
}

/** A pack that passed every check, with its validated config. */
export interface ValidatedPack {
  readonly pack: PackDefinition;
  readonly specifier: string;
  readonly enabled: boolean;
  readonly config: unknown;
}

/** How a caller proved who it is: an OAuth access token, or one of the named static tokens. */
export type CredentialKind = 'oauth' | 'token';

/** Who is calling, when the transport knows (authenticated HTTP); absent over stdio. */
export interface Caller {
  /** A display name: a static token's name, or the claim `nameClaim` names (not unique: two people share an email). */
  readonly name: string;
  /**
   * Stable and unique for its credential kind: the access token's `sub`, or `token:<name>` for a static token. With
   * `credential` it tells callers apart however their display names collide.
   */
  readonly id: string;
  readonly credential: CredentialKind;
  /** The profile whose policy applies to this caller. */
  readonly profile?: string | undefined;
}
