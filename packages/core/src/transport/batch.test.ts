import { describe, expect, it } from 'vitest';
import { batchRefusal, errorsPerMessage, messagesIn } from './batch.js';

const call = (id: number | string) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'x' } });
const note = { jsonrpc: '2.0', method: 'notifications/initialized' };

describe('JSON-RPC batches at the edge', () => {
  it('counts each message of a batch as a call', () => {
    expect(messagesIn(call(1))).toBe(1);
    expect(messagesIn(undefined)).toBe(1);
    expect(messagesIn([call(1), call(2), note])).toBe(3);
  });

  it('refuses a batch over server.maxBatchSize, an empty one, and any from a protocol without batches', () => {
    const options = { maxBatchSize: 2, protocolVersion: '2025-03-26' };
    expect(batchRefusal(call(1), options)).toBeUndefined();
    expect(batchRefusal([call(1), call(2)], options)).toBeUndefined();
    expect(batchRefusal([call(1), call(2), call(3)], options)).toBe(
      'Invalid Request: a batch holds at most 2 messages (server.maxBatchSize); this one has 3',
    );
    expect(batchRefusal([], options)).toBe('Invalid Request: an empty batch');
    for (const protocolVersion of ['2025-06-18', '2025-11-25']) {
      expect(batchRefusal([call(1)], { maxBatchSize: 2, protocolVersion })).toContain(
        `protocol ${protocolVersion} has no JSON-RPC batches`,
      );
    }
    expect(batchRefusal([call(1)], { maxBatchSize: 2, protocolVersion: undefined })).toBeUndefined();
  });

  it('answers a refused batch with one error per request, by id', () => {
    const error = { code: -32029, message: 'Too many requests' };
    expect(errorsPerMessage([call(1), note, call('b')], error)).toEqual([
      { jsonrpc: '2.0', error, id: 1 },
      { jsonrpc: '2.0', error, id: 'b' },
    ]);
    expect(errorsPerMessage(call(7), error)).toEqual({ jsonrpc: '2.0', error, id: 7 });
    expect(errorsPerMessage([note], error)).toEqual({ jsonrpc: '2.0', error, id: null });
    expect(errorsPerMessage(undefined, error)).toEqual({ jsonrpc: '2.0', error, id: null });
  });
});
