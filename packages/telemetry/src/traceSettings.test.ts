import { describe, expect, it } from 'vitest';
import { resolveTraceExport } from './traceSettings.js';

const none = { headers: {}, sampleRatio: 1 };

describe('resolveTraceExport', () => {
  it('is off when no endpoint is configured anywhere', () => {
    expect(resolveTraceExport(none, {})).toBeUndefined();
  });

  it('takes the file endpoint first, then the traces variable, then the base variable with /v1/traces', () => {
    const env = {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/custom',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318/',
    };
    expect(resolveTraceExport({ ...none, endpoint: 'https://file:4318/v1/traces' }, env)?.url).toBe(
      'https://file:4318/v1/traces',
    );
    expect(resolveTraceExport(none, env)?.url).toBe('http://traces:4318/custom');
    expect(resolveTraceExport(none, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318/' })?.url).toBe(
      'http://base:4318/v1/traces',
    );
  });

  it('names the service from the file, then OTEL_SERVICE_NAME, then mcp-panther', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'panther-mcp-prod' };
    expect(resolveTraceExport({ ...none, serviceName: 'from-file' }, env)?.serviceName).toBe('from-file');
    expect(resolveTraceExport(none, env)?.serviceName).toBe('panther-mcp-prod');
    expect(resolveTraceExport(none, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })?.serviceName).toBe(
      'mcp-panther',
    );
  });

  it('is off with OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none, whatever the endpoint', () => {
    const endpoint = { ...none, endpoint: 'http://c:4318/v1/traces' };
    expect(resolveTraceExport(endpoint, { OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(resolveTraceExport(endpoint, { OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });

  it('refuses gRPC and endpoints that are not http(s), with what to do', () => {
    expect(() =>
      resolveTraceExport(none, {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL "grpc" is not supported.*HTTP port \(4318\)/);
    expect(() => resolveTraceExport(none, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318' })).toThrow(
      'the OTLP traces endpoint (telemetry.traces.endpoint or OTEL_EXPORTER_OTLP_*ENDPOINT) must be an http(s) URL',
    );
  });
});
