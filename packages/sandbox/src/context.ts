import type { AiStreams } from './ai/streams.js';
import type { TokenIdentity, TokenRegistry } from './auth/tokens.js';
import type { DataLake } from './datalake/lake.js';
import type { QueryRunner } from './datalake/queryRunner.js';
import type { PlatformStore } from './store/platformStore.js';
import type { Actor } from './store/types.js';
import type { SandboxLogger, SandboxStats } from './types.js';

/** What the REST routes and GraphQL resolvers share. Built once by startSandbox. */
export interface SandboxContext {
  store: PlatformStore;
  lake: DataLake;
  queries: QueryRunner;
  ai: AiStreams;
  tokens: TokenRegistry;
  stats: SandboxStats;
  logger: SandboxLogger;
  /** The time of generation: "now" for macros is the wall clock, this is the data's reference point. */
  generatedAt: Date;
}

/** The actor recorded when a token changes something. */
export function tokenActor(identity: TokenIdentity): Actor {
  return { id: identity.id, type: 'api-token' };
}
