// tsyringe needs the Reflect metadata polyfill loaded first; importing it here keeps core usable from any entry
// point (embedding, pack tests under any runner). The CLI's bin.ts also imports it first.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import type { PantherClient, UpstreamCallObserver } from '@mcp-panther/client';
import { type DependencyContainer, instanceCachingFactory, container as rootContainer } from 'tsyringe';
import { defaultCallHooks } from '../calls/defaultHooks.js';
import type { PackScope } from '../catalog/toolset.js';
import type { HostConfig } from '../config/schema.js';
import type { Logger } from '../define/types.js';
import type { HostLogger } from '../logging/createLogger.js';
import { requestBudget } from '../parts/clientOptions.js';
import type { HostParts, PartContext } from '../parts/types.js';
import type { Redactor } from '../security/redact.js';
import { instanceNamespace, sharedScope } from '../sharedStore/namespaces.js';
import type { SharedStore } from '../sharedStore/types.js';
import type { ClientScope, PantherTarget, ValidatedPack } from '../types.js';
import { createSessionFlags } from '../untrusted/sessionFlags.js';
import {
  AuditSinkToken,
  CallHooksToken,
  ConfigToken,
  LoggerToken,
  PartsToken,
  RateLimiterToken,
  RedactorToken,
  TargetToken,
  type Token,
} from './tokens.js';

/** The composition root's handle: typed resolution, clients per Panther token, pack scopes, and disposal. */
export interface HostContainer {
  resolve<T>(token: Token<T>): T;
  /** Registers the Panther the host talks to (known after the `connect` part ran). */
  setTarget(target: PantherTarget): void;
  /**
   * Registers what replicas share (the `sharedStore` part, built before the first client): from then on the
   * cache store, single-flight and rate limiter parts are its local fallbacks. It is closed after the clients.
   */
  setSharedStore(store: SharedStore): void;
  /** The client for a Panther token, with its own cache and single-flight scope; one per token. */
  clientFor(token: string): PantherClient;
  /** The pack's own scope: its child logger and validated config. */
  packScope(pack: ValidatedPack): PackScope;
  /** Runs `close` when the container is disposed (in reverse order of registration). */
  onDispose(close: () => Promise<void> | void): void;
  dispose(): Promise<void>;
}

const get = <T>(c: DependencyContainer, t: Token<T>): T => c.resolve<T>(t);

/** Distinguishes tokens without holding them: the instance and a one-way digest of the token. */
export function scopeNamespace(target: PantherTarget, pantherToken: string): string {
  const digest = createHash('sha256').update(`${target.rest}\n${pantherToken}`).digest('hex').slice(0, 16);
  return `${new URL(target.rest).host}:${digest}`;
}

/** Several observers as one (the client calls one); each failure is logged and the others still run. */
function fanOut(
  observers: readonly UpstreamCallObserver[],
  logger: Logger,
): UpstreamCallObserver | undefined {
  if (observers.length === 0) return undefined;
  if (observers.length === 1) return observers[0];
  return (event) => {
    for (const observe of observers) {
      try {
        observe(event);
      } catch (error) {
        logger.warn('an upstream call observer failed', { error });
      }
    }
  };
}

/**
 * The composition root: one child container per host (never the global one), every swappable part registered as
 * a factory (`HostParts`) that runs once, on first use; no decorators. This folder is the only one that imports
 * tsyringe. Whatever a factory builds that can be closed is closed on dispose, last built first.
 */
export function createContainer(init: {
  readonly config: HostConfig;
  readonly parts: HostParts;
  readonly redact: Redactor;
}): HostContainer {
  const container: DependencyContainer = rootContainer.createChildContainer();
  const closers: (() => Promise<void> | void)[] = [];
  const track = <T>(part: T): T => {
    const close = (part as { close?: unknown } | null)?.close;
    if (typeof close === 'function') closers.push(() => (close as () => unknown).call(part) as Promise<void>);
    return part;
  };
  const context = (c: DependencyContainer): PartContext => ({
    config: get(c, ConfigToken),
    logger: get(c, LoggerToken),
  });

  container.register(ConfigToken, { useValue: init.config });
  container.register(PartsToken, { useValue: init.parts });
  container.register(RedactorToken, { useValue: init.redact });
  container.register(LoggerToken, {
    useFactory: instanceCachingFactory((c) =>
      init.parts.logger({ config: get(c, ConfigToken), redact: get(c, RedactorToken) }),
    ),
  });
  container.register(AuditSinkToken, {
    useFactory: instanceCachingFactory((c) => track(get(c, PartsToken).auditSink(context(c)))),
  });
  let shared: SharedStore | undefined;
  container.register(RateLimiterToken, {
    useFactory: instanceCachingFactory((c) => {
      const target = get(c, TargetToken);
      const ctx = context(c);
      // Replicas sharing the budget each keep to their share of it while the shared store is out of reach.
      const share = shared ? (shared.localShare ?? 1) : 1;
      const local = get(c, PartsToken).rateLimiter({ ...ctx, target, share });
      if (!shared) return track(local);
      const scope = { target, namespace: instanceNamespace(target), budget: requestBudget(ctx.config) };
      return track(shared.rateLimiter(scope, local));
    }),
  });
  container.register(CallHooksToken, {
    useFactory: instanceCachingFactory((c) => {
      const parts = get(c, PartsToken);
      const ctx = context(c);
      const defaults = defaultCallHooks({
        auditSink: get(c, AuditSinkToken),
        redact: get(c, RedactorToken),
        limits: { maxChars: ctx.config.output.maxResultChars, maxTokens: ctx.config.output.maxTokens },
        debugLine: (ctx.logger as { level?: string }).level === 'debug',
        sessionFlags: createSessionFlags(),
      });
      return parts.callHooks({ ...ctx, defaults });
    }),
  });

  // One observer for every client, built on first use; undefined when no part wants to be told.
  let upstreamObserver: { value: UpstreamCallObserver | undefined } | undefined;
  const onUpstreamCall = (): UpstreamCallObserver | undefined => {
    upstreamObserver ??= {
      value: fanOut(
        get(container, PartsToken).upstreamObservers(context(container)),
        get(container, LoggerToken),
      ),
    };
    return upstreamObserver.value;
  };
  const clients = new Map<string, PantherClient>();
  // Keyed by the validated pack (not its id): a reload that changes a pack's config gets a new scope.
  const scopes = new WeakMap<ValidatedPack, PackScope>();
  let disposed = false;
  return {
    resolve: <T>(t: Token<T>): T => get(container, t),
    setTarget(target) {
      container.register(TargetToken, { useValue: target });
    },
    setSharedStore(store) {
      shared = store;
      closers.push(() => store.close());
    },
    clientFor(pantherToken) {
      const target = get(container, TargetToken);
      const namespace = scopeNamespace(target, pantherToken);
      let client = clients.get(namespace);
      if (client === undefined) {
        const parts = get(container, PartsToken);
        const ctx = context(container);
        const scope: ClientScope = { target, namespace };
        const cacheStore = parts.cacheStore({ ...ctx, scope });
        const singleFlight = parts.singleFlight({ ...ctx, scope });
        client = track(
          parts.pantherClient({
            ...ctx,
            target,
            token: pantherToken,
            // A shared part closes the local part it was given.
            cacheStore: track(shared ? shared.cacheStore(sharedScope(scope), cacheStore) : cacheStore),
            singleFlight: track(
              shared ? shared.singleFlight(sharedScope(scope), singleFlight) : singleFlight,
            ),
            rateLimiter: get(container, RateLimiterToken),
            onUpstreamCall: onUpstreamCall(),
          }),
        );
        clients.set(namespace, client);
      }
      return client;
    },
    packScope(pack) {
      let scope = scopes.get(pack);
      if (scope === undefined) {
        scope = { logger: get(container, LoggerToken).child({ pack: pack.pack.id }), config: pack.config };
        scopes.set(pack, scope);
      }
      return scope;
    },
    onDispose: (close) => void closers.push(close),
    async dispose() {
      if (disposed) return;
      disposed = true;
      const logger: HostLogger = get(container, LoggerToken);
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
