import { McpHostError } from '@mcp-panther/core';
import type { TelemetryConfig } from './section.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Where and how spans are exported; undefined when tracing is off. */
export interface TraceExport {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly serviceName: string;
  readonly sampleRatio: number;
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/**
 * Tracing is on when an OTLP endpoint is known: `telemetry.traces.endpoint`, else the standard variables
 * (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, OTEL_EXPORTER_OTLP_ENDPOINT with `/v1/traces` appended). The file
 * wins over the environment, as the OpenTelemetry specification has it for code over variables.
 * OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none turn it off; only OTLP over HTTP is spoken.
 */
export function resolveTraceExport(config: TelemetryConfig['traces'], env: Env): TraceExport | undefined {
  if (nonEmpty(env['OTEL_SDK_DISABLED'])?.toLowerCase() === 'true') return undefined;
  const exporters = nonEmpty(env['OTEL_TRACES_EXPORTER'])?.toLowerCase();
  if (exporters === 'none') return undefined;
  const base = nonEmpty(env['OTEL_EXPORTER_OTLP_ENDPOINT']);
  const url =
    config.endpoint ??
    nonEmpty(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) ??
    (base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`);
  if (url === undefined) return undefined;
  const protocol =
    nonEmpty(env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL']) ?? nonEmpty(env['OTEL_EXPORTER_OTLP_PROTOCOL']);
  if (protocol !== undefined && protocol !== 'http/json' && protocol !== 'http/protobuf') {
    throw new McpHostError(
      'CONFIG_INVALID',
      `Invalid configuration: OTEL_EXPORTER_OTLP_PROTOCOL "${protocol}" is not supported; mcp-panther exports traces as OTLP over HTTP (JSON): point the endpoint at the collector's HTTP port (4318)`,
    );
  }
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError('not http(s)');
  } catch {
    throw new McpHostError(
      'CONFIG_INVALID',
      'Invalid configuration: the OTLP traces endpoint (telemetry.traces.endpoint or OTEL_EXPORTER_OTLP_*ENDPOINT) must be an http(s) URL',
    );
  }
  return {
    url,
    headers: config.headers,
    serviceName: config.serviceName ?? nonEmpty(env['OTEL_SERVICE_NAME']) ?? 'mcp-panther',
    sampleRatio: config.sampleRatio,
  };
}
