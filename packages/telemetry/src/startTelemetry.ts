import {
  DEFAULT_PARTS,
  type HostParts,
  type Logger,
  observeCalls,
  type RunningRouteServer,
  type RunningTransport,
  type SharedStoreView,
  startRouteServer,
} from '@mcp-panther/core';
import { metricsEnabled, type TelemetryConfig } from './section.js';
import { type Env, resolveTraceExport } from './traceSettings.js';

/** Metrics and traces as the host uses them: parts to build it with, then what to watch once it serves. */
export interface Telemetry {
  /** What is on: `metrics`, `traces` (for the start-up log). */
  readonly enabled: readonly ('metrics' | 'traces')[];
  /**
   * The host parts with telemetry added: call hooks of the `observe` phase (metrics, trace spans), upstream
   * observers, `/metrics`.
   */
  parts(base?: Partial<HostParts>): Partial<HostParts>;
  /**
   * Once the transport serves: counts its sessions, and starts the metrics listener of its own when
   * `telemetry.metrics.port` is set.
   */
  attach(
    running: RunningTransport,
    context: { readonly logger: Logger; readonly transport: string },
  ): Promise<void>;
  /** What replicas share (`Host.sharedStore`): its state, outages and fallbacks are reported. */
  trackSharedStore(store: SharedStoreView): void;
  /** Exports the spans still buffered and stops the metrics listener. */
  close(): Promise<void>;
}

const silent: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silent;
  },
};

/**
 * Telemetry per the `telemetry` section and the OTEL_* variables, or undefined when nothing is on. prom-client
 * is imported only when metrics are on and the OpenTelemetry SDK only when a traces endpoint is known, so a
 * server without telemetry loads neither.
 */
export async function startTelemetry(
  config: TelemetryConfig,
  options: {
    readonly env?: Env | undefined;
    readonly version: string;
    readonly allowedHosts?: readonly string[];
  },
): Promise<Telemetry | undefined> {
  const traceExport = resolveTraceExport(config.traces, options.env ?? process.env);
  const withMetrics = metricsEnabled(config.metrics);
  if (!withMetrics && traceExport === undefined) return undefined;
  let logger: Logger = silent;
  const [metrics, tracing] = await Promise.all([
    withMetrics
      ? import('./metrics/createMetrics.js').then(({ createMetrics }) =>
          createMetrics({ processMetrics: config.metrics.processMetrics }),
        )
      : undefined,
    traceExport === undefined
      ? undefined
      : import('./traces/createTracing.js').then(({ createTracing }) =>
          createTracing(traceExport, { version: options.version, logger: () => logger }),
        ),
  ]);
  const route = metrics
    ? (await import('./metrics/metricsRoute.js')).metricsRoute(metrics, {
        path: config.metrics.path,
        authToken: config.metrics.authToken,
      })
    : undefined;
  let listener: RunningRouteServer | undefined;

  return {
    enabled: [...(metrics ? (['metrics'] as const) : []), ...(tracing ? (['traces'] as const) : [])],
    parts(given = {}) {
      const base: HostParts = { ...DEFAULT_PARTS, ...given };
      return {
        ...given,

        upstreamObservers: (ctx) => [
          ...base.upstreamObservers(ctx),
          ...(metrics ? [metrics.observeUpstream] : []),
          ...(tracing ? [tracing.observeUpstream] : []),
        ],
        callHooks: (ctx) => {
          logger = ctx.logger;
          return [
            ...base.callHooks(ctx),
            ...(tracing ? tracing.hooks : []),
            ...(metrics ? [observeCalls('metrics', metrics.observeCall)] : []),
          ];
        },
        pantherClient: (ctx) => {
          const client = base.pantherClient(ctx);
          metrics?.trackClient(client);
          return client;
        },
        httpRoutes: (ctx) =>
          route && config.metrics.port === undefined
            ? [...base.httpRoutes(ctx), route]
            : base.httpRoutes(ctx),
      };
    },
    async attach(running, context) {
      logger = context.logger;
      metrics?.trackSessions(() => running.sessionCount);
      if (route === undefined) return;
      if (config.metrics.port !== undefined) {
        listener = await startRouteServer({
          host: config.metrics.host,
          port: config.metrics.port,
          routes: [route],
          allowedHosts: options.allowedHosts ?? [],
          logger: context.logger,
        });
      } else if (running.servesRoutes !== true) {
        context.logger.warn(
          `metrics are on but the ${context.transport} transport has no HTTP listener: set telemetry.metrics.port to serve ${route.path}`,
        );
      }
    },
    trackSharedStore(store) {
      metrics?.trackSharedStore(store);
    },
    async close() {
      await listener?.close();
      await tracing?.close();
    },
  };
}
