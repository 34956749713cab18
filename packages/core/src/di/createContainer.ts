// tsyringe needs the Reflect metadata polyfill loaded first; importing it here keeps core usable from any entry
// point (embedding, pack tests under any runner). The CLI's bin.ts also imports it first.
import 'reflect-metadata';
import type { PantherClient } from '@mcp-panther/client';
import { type DependencyContainer, container as rootContainer } from 'tsyringe';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import type { ValidatedPack } from '../host/validatePacks.js';
import type { AuditLog } from '../logging/auditLog.js';
import type { HostLogger } from '../logging/createLogger.js';
import {
  AuditLogToken,
  ClientToken,
  ConfigToken,
  LoggerToken,
  PackConfigToken,
  PackLoggerToken,
  PacksToken,
  type PantherTarget,
  type PolicyState,
  PolicyToken,
  RedactToken,
  TargetToken,
  type Token,
} from './tokens.js';

/** Everything the host resolved before building the graph (tsyringe has no async factories). */
export interface ContainerValues {
  readonly config: HostConfig;
  readonly logger: HostLogger;
  readonly client: PantherClient;
  readonly auditLog: AuditLog;
  readonly packs: readonly ValidatedPack[];
  readonly policy: PolicyState;
  readonly target: PantherTarget;
  readonly redact: (text: string) => string;
}

export interface PackScope {
  readonly logger: Logger;
  readonly config: unknown;
}

/** The composition root's handle: typed resolution, one scope per pack, and disposal. */
export interface HostContainer {
  resolve<T>(token: Token<T>): T;
  /** The pack's own scope (a child container): its child logger and validated config. */
  packScope(packId: string): PackScope;
  /** Runs `close` when the container is disposed (in reverse order of registration). */
  onDispose(close: () => Promise<void> | void): void;
  dispose(): Promise<void>;
}

const get = <T>(c: DependencyContainer, t: Token<T>): T => c.resolve<T>(t);

/**
 * The composition root: one child container per host (never the global one), values registered with
 * `useValue`/`useFactory`, no decorators. This folder is the only one that imports tsyringe.
 */
export function createContainer(values: ContainerValues): HostContainer {
  const container: DependencyContainer = rootContainer.createChildContainer();
  container.register(ConfigToken, { useValue: values.config });
  container.register(LoggerToken, { useValue: values.logger });
  container.register(ClientToken, { useValue: values.client });
  container.register(AuditLogToken, { useValue: values.auditLog });
  container.register(PacksToken, { useValue: values.packs });
  container.register(PolicyToken, { useValue: values.policy });
  container.register(TargetToken, { useValue: values.target });
  container.register(RedactToken, { useValue: values.redact });

  const scopes = new Map<string, PackScope>();
  for (const pack of values.packs) {
    const child = container.createChildContainer();
    child.register(PackLoggerToken, {
      useFactory: (c) => get(c, LoggerToken).child({ pack: pack.pack.id }),
    });
    // Boxed: tsyringe treats `useValue: undefined` as no value.
    child.register(PackConfigToken, { useValue: { value: pack.config } });
    scopes.set(pack.pack.id, {
      logger: get(child, PackLoggerToken),
      config: get(child, PackConfigToken).value,
    });
  }

  const closers: (() => Promise<void> | void)[] = [];
  let disposed = false;
  return {
    resolve: <T>(t: Token<T>): T => get(container, t),
    packScope(packId) {
      const scope = scopes.get(packId);
      if (!scope) throw new Error(`no pack "${packId}" in this host`);
      return scope;
    },
    onDispose: (close) => void closers.push(close),
    async dispose() {
      if (disposed) return;
      disposed = true;
      const logger = get(container, LoggerToken);
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (error) {
          logger.warn('error while closing', { error });
        }
      }
      await container.dispose();
    },
  };
}
