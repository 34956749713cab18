import type { PantherClient } from '@mcp-panther/client';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import type { ValidatedPack } from '../host/validatePacks.js';
import type { AuditLog } from '../logging/auditLog.js';
import type { HostLogger } from '../logging/createLogger.js';
import type { FilterResult } from '../policy/filterTools.js';

declare const type: unique symbol;
/** A typed DI token: a `Symbol.for` symbol, identical across duplicate copies of core. */
export type Token<T> = symbol & { readonly [type]?: T };
export const token = <T>(id: string): Token<T> => Symbol.for(`@mcp-panther:${id}`) as Token<T>;

/** What the host knows about the Panther it talks to. */
export interface PantherTarget {
  readonly rest: string;
  readonly graphql: string;
  readonly sandbox: boolean;
}

/** The outcome of the policy: the mode, the token's permissions (when known) and the filtered tools. */
export interface PolicyState {
  readonly mode: HostConfig['policy']['mode'];
  readonly permissions: ReadonlySet<string> | undefined;
  /** Why permissions are unknown, when they are. */
  readonly permissionsNote: string | undefined;
  readonly tools: FilterResult;
}

export const ConfigToken = token<HostConfig>('Config');
export const LoggerToken = token<HostLogger>('Logger');
export const ClientToken = token<PantherClient>('Client');
export const AuditLogToken = token<AuditLog>('AuditLog');
export const PacksToken = token<readonly ValidatedPack[]>('Packs');
export const PolicyToken = token<PolicyState>('Policy');
export const TargetToken = token<PantherTarget>('Target');
/** Replaces secrets (tokens) in any text leaving the host. */
export const RedactToken = token<(text: string) => string>('Redact');
/** Pack scope: the pack's child logger and its validated config. */
export const PackLoggerToken = token<Logger>('Pack:Logger');
export const PackConfigToken = token<{ readonly value: unknown }>('Pack:Config');
