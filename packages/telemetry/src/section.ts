import type { ConfigSection } from '@mcp-panther/core';
import { z } from 'zod';

const routePath = z
  .string()
  .regex(/^\/[A-Za-z0-9._~/-]*$/, 'must start with "/" and contain only URL path characters');

const metrics = z
  .strictObject({
    /** Serve Prometheus metrics. Default: on when `port` is set, off otherwise. */
    enabled: z.boolean().optional(),
    /** Where the metrics are served. */
    path: routePath.default('/metrics'),
    /** A listener of its own for the metrics (any transport, stdio too). Unset: the MCP HTTP listener serves them. */
    port: z.int().min(0).max(65_535).optional(),
    /** The address of that listener. Beyond loopback it needs `authToken`. */
    host: z.string().min(1).default('127.0.0.1'),
    /** Bearer token scrapers must send. Unset: only clients on loopback addresses are served. Prefer MCP_METRICS_AUTH_TOKEN. */
    authToken: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Also the Node.js process metrics (memory, CPU, event loop lag, handles). */
    processMetrics: z.boolean().default(true),
  })
  .default({ path: '/metrics', host: '127.0.0.1', processMetrics: true });

const traces = z
  .strictObject({
    /**
     * The OTLP/HTTP traces endpoint (`http://collector:4318/v1/traces`). Unset: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
     * else OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`; with none of them nothing is traced (and no OTel code loads).
     */
    endpoint: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** Headers sent with every export (besides OTEL_EXPORTER_OTLP_HEADERS); keep secrets in the environment. */
    headers: z.record(z.string().min(1), z.string()).default({}),
    /** `service.name` of the spans. Default: OTEL_SERVICE_NAME, else `mcp-panther`. */
    serviceName: z.string().min(1).optional(),
    /** Share of new traces recorded (0 to 1); a trace a client started follows the client's sampling decision. */
    sampleRatio: z.number().min(0).max(1).default(1),
  })
  .default({ headers: {}, sampleRatio: 1 });

const schema = z.strictObject({ metrics, traces }).default({
  metrics: { path: '/metrics', host: '127.0.0.1', processMetrics: true },
  traces: { headers: {}, sampleRatio: 1 },
});

export type TelemetryConfig = z.output<typeof schema>;

/** The `telemetry` section of the config file: Prometheus metrics and OpenTelemetry traces. */
export const TELEMETRY_SECTION: ConfigSection = {
  key: 'telemetry',
  schema,
  env: [
    { name: 'MCP_METRICS', path: ['telemetry', 'metrics', 'enabled'], kind: 'boolean' },
    { name: 'MCP_METRICS_PORT', path: ['telemetry', 'metrics', 'port'], kind: 'number' },
    { name: 'MCP_METRICS_HOST', path: ['telemetry', 'metrics', 'host'], kind: 'string' },
    { name: 'MCP_METRICS_AUTH_TOKEN', path: ['telemetry', 'metrics', 'authToken'], kind: 'string' },
  ],
};

/** The validated section of a loaded config (its defaults when absent). */
export function telemetryConfig(sections: Readonly<Record<string, unknown>>): TelemetryConfig {
  return (sections['telemetry'] as TelemetryConfig | undefined) ?? schema.parse(undefined);
}

/** Whether metrics are served: `enabled`, or by default when a port of their own is given. */
export function metricsEnabled(config: TelemetryConfig['metrics']): boolean {
  return config.enabled ?? config.port !== undefined;
}
