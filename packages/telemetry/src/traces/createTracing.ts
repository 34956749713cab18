import type { UpstreamCallEvent } from '@mcp-panther/client';
import type { CallHook, CallOutcome, Logger, ToolCall } from '@mcp-panther/core';
import { callKey, maskUrlCredentials } from '@mcp-panther/core';
import { type Context, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanExporter,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { TraceExport } from '../traceSettings.js';

/** The span of the call, for the hook next to the tool. */
const CALL_SPAN = callKey<Span>('trace.span');

/** Spans of tool calls and of the Panther requests they make, exported over OTLP/HTTP. */
export interface Tracing {
  /**
   * The call hooks: `trace` (phase `observe`) makes one span per tool call, child of the client's trace when
   * `_meta` carries one; `trace-signal` (phase `invoke`, next to the tool) ties the signal the tool runs with to
   * that span, so the tool's requests to Panther become its child spans even when a hook changed the signal (a
   * time limit).
   */
  readonly hooks: readonly CallHook[];
  /** Turns each attempt sent to Panther into a child span of the tool call that caused it. */
  observeUpstream(event: UpstreamCallEvent): void;
  /** Exports what is left and stops. */
  close(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();
const metaGetter = {
  keys: (carrier: Readonly<Record<string, unknown>>) => Object.keys(carrier),
  get: (carrier: Readonly<Record<string, unknown>>, key: string) => {
    const value = carrier[key];
    return typeof value === 'string' ? value : undefined;
  },
};

/** The W3C trace context an MCP client put in the request's `_meta` (`traceparent`, `tracestate`). */
export function contextFromMeta(meta: Readonly<Record<string, unknown>> | undefined): Context {
  if (meta === undefined || typeof meta['traceparent'] !== 'string') return ROOT_CONTEXT;
  return propagator.extract(ROOT_CONTEXT, meta, metaGetter);
}

/** The exporter, with failures logged (at most once a minute) instead of dropped in silence. */
function loggedExporter(inner: SpanExporter, url: string, logger: () => Logger): SpanExporter {
  let lastWarning = 0;
  return {
    export(spans, done) {
      inner.export(spans, (result) => {
        if (result.code !== ExportResultCode.SUCCESS && Date.now() - lastWarning > 60_000) {
          lastWarning = Date.now();
          logger().warn('trace export failed; spans were dropped', {
            endpoint: maskUrlCredentials(url),
            spans: spans.length,
            reason: result.error?.message,
          });
        }
        done(result);
      });
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}

/**
 * Tracing without a global context manager: a tool call's span is found again by its request's abort signal,
 * which the packs pass to every client call and the client hands back in each upstream event. That costs a
 * WeakMap entry per call, where an AsyncLocalStorage would cost a hook on every promise of the process.
 */
export function createTracing(
  settings: TraceExport,
  options: { readonly version: string; readonly logger: () => Logger },
): Tracing {
  const exporter = loggedExporter(
    new OTLPTraceExporter({ url: settings.url, headers: { ...settings.headers } }),
    settings.url,
    options.logger,
  );
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': settings.serviceName,
      'service.version': options.version,
    }),
    sampler: new ParentBasedSampler({
      // Every new trace is kept by default; the ratio sampler's hashing of each trace id is only paid when asked.
      root:
        settings.sampleRatio >= 1
          ? new AlwaysOnSampler()
          : new TraceIdRatioBasedSampler(settings.sampleRatio),
    }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('mcp-panther', options.version);
  const callSpans = new WeakMap<AbortSignal, Span>();

  const hook: CallHook = {
    name: 'trace',
    phase: 'observe',
    async around(call: ToolCall, next) {
      const span = tracer.startSpan(
        `tools/call ${call.tool.name}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'mcp.method.name': 'tools/call',
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.tool.name': call.tool.name,
            'jsonrpc.request.id': String(call.requestId),
            'mcp_panther.pack': call.pack.pack.id,
            ...(call.caller?.profile === undefined ? {} : { 'mcp_panther.profile': call.caller.profile }),
          },
        },
        contextFromMeta(call.meta),
      );
      call.data.set(CALL_SPAN, span);
      let outcome: CallOutcome | undefined;
      try {
        outcome = await next();
        return outcome;
      } finally {
        if (outcome === undefined || !outcome.ok) {
          const code = outcome?.ok === false ? outcome.code : 'INTERNAL';
          span.setAttribute('error.type', code);
          span.setStatus({ code: SpanStatusCode.ERROR, message: code });
        }
        span.end();
      }
    },
  };

  const signalHook: CallHook = {
    name: 'trace-signal',
    phase: 'invoke',
    async around(call, next) {
      const span = call.data.get(CALL_SPAN);
      if (span === undefined) return next();
      callSpans.set(call.signal, span);
      try {
        return await next();
      } finally {
        callSpans.delete(call.signal);
      }
    },
  };

  return {
    hooks: [hook, signalHook],
    observeUpstream(event) {
      const parent = event.signal === undefined ? undefined : callSpans.get(event.signal);
      if (parent === undefined) return;
      const name = event.api === 'rest' ? event.operation : `graphql ${event.operation}`;
      const span = tracer.startSpan(
        name,
        {
          kind: SpanKind.CLIENT,
          startTime: event.startTime,
          attributes: {
            'http.request.method': event.method,
            'mcp_panther.panther.api': event.api,
            'mcp_panther.panther.operation': event.operation,
            ...(event.attempt > 1 ? { 'http.request.resend_count': event.attempt - 1 } : {}),
            ...(event.status === undefined ? {} : { 'http.response.status_code': event.status }),
            ...(event.code === undefined ? {} : { 'error.type': event.code }),
          },
        },
        trace.setSpan(ROOT_CONTEXT, parent),
      );
      if (event.code !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: event.code });
      span.end(event.startTime + event.durationMs);
    },
    close: () => provider.shutdown(),
  };
}
