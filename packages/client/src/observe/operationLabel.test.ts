import { describe, expect, it } from 'vitest';
import { graphqlOperation, restOperation } from './operationLabel.js';

describe('restOperation', () => {
  it('replaces identifiers with {id} and keeps known actions', () => {
    expect(restOperation('GET', '/alerts')).toBe('GET /alerts');
    expect(restOperation('GET', '/alerts/a0f3e2d1c4b5')).toBe('GET /alerts/{id}');
    expect(restOperation('GET', '/alerts/a0f3e2d1c4b5/events')).toBe('GET /alerts/{id}/events');
    expect(restOperation('POST', '/api-tokens/t1/rotate')).toBe('POST /api-tokens/{id}/rotate');
    expect(restOperation('GET', '/api-tokens/self')).toBe('GET /api-tokens/{id}');
  });

  it('treats log sources as a two-segment collection', () => {
    expect(restOperation('GET', '/log-sources/http')).toBe('GET /log-sources/http');
    expect(restOperation('GET', '/log-sources/http/src-9')).toBe('GET /log-sources/http/{id}');
  });

  it('never keeps a value from the path or the query', () => {
    expect(restOperation('GET', '/rules/AWS.Root.Login?x=secret')).toBe('GET /rules/{id}');
    expect(restOperation('GET', '/rules/r1/unknown-child')).toBe('GET /rules/{id}/{}');
    expect(restOperation('GET', '/rules/R%201')).toBe('GET /rules/{id}');
  });
});

describe('graphqlOperation', () => {
  it('is the operation name, or anonymous', () => {
    expect(graphqlOperation('ListAlerts')).toBe('ListAlerts');
    expect(graphqlOperation(undefined)).toBe('anonymous');
  });
});
