import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { contextFromMeta } from './createTracing.js';

describe('contextFromMeta', () => {
  it('reads a W3C traceparent and tracestate from _meta as the remote parent', () => {
    const context = contextFromMeta({
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'vendor=opaque',
      progressToken: 7,
    });
    expect(trace.getSpanContext(context)).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
      isRemote: true,
    });
    expect(trace.getSpanContext(context)?.traceState?.get('vendor')).toBe('opaque');
  });

  it('starts a new trace when _meta is absent, has no traceparent, or a malformed one', () => {
    for (const meta of [undefined, {}, { traceparent: 42 }, { traceparent: 'not-a-traceparent' }]) {
      expect(trace.getSpanContext(contextFromMeta(meta as never))).toBeUndefined();
    }
  });
});
