import type { RateLimiter } from '@mcp-panther/client';
import type { AuditSink } from '../audit/auditSink.js';
import type { CallHook } from '../calls/types.js';
import type { HostConfig } from '../config/schema.js';
import type { HostLogger } from '../logging/createLogger.js';
import type { HostParts } from '../parts/types.js';
import type { Redactor } from '../security/redact.js';
import type { PantherTarget } from '../types.js';

declare const type: unique symbol;
/** A typed DI token: a `Symbol.for` symbol, identical across duplicate copies of core. */
export type Token<T> = symbol & { readonly [type]?: T };
export const token = <T>(id: string): Token<T> => Symbol.for(`@mcp-panther:${id}`) as Token<T>;

export const ConfigToken = token<HostConfig>('Config');
export const PartsToken = token<HostParts>('Parts');
export const RedactorToken = token<Redactor>('Redactor');
export const LoggerToken = token<HostLogger>('Logger');
export const AuditSinkToken = token<AuditSink>('AuditSink');
export const CallHooksToken = token<readonly CallHook[]>('CallHooks');
/** Registered once the Panther connection is known. */
export const TargetToken = token<PantherTarget>('Target');
export const RateLimiterToken = token<RateLimiter>('RateLimiter');
