import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { TRANSPORT_CHOICES, TRANSPORTS, transportNamed, usesProcessStdio } from './registry.js';

describe('the transport registry', () => {
  it('gives the config schema its names and aliases', () => {
    expect(TRANSPORT_CHOICES).toEqual(['stdio', 'streamable-http', 'http']);
    expect(parseConfig({ server: { transport: 'http' } }).server.transport).toBe('streamable-http');
    expect(() => parseConfig({ server: { transport: 'websocket' } })).toThrow(
      'server.transport: must be one of stdio, streamable-http, http (got "websocket")',
    );
  });

  it('says what callers need to know of a transport without loading it', () => {
    expect(Object.keys(TRANSPORTS)).toEqual(['stdio', 'streamable-http']);
    expect(transportNamed('http')).toBe('streamable-http');
    expect(usesProcessStdio('stdio')).toBe(true);
    expect(usesProcessStdio('http')).toBe(false);
    expect(usesProcessStdio('no-such-transport')).toBe(false);
  });
});
