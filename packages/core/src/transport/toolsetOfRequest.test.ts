import { describe, expect, it } from 'vitest';
import { toolsetOfRequest } from './toolsetOfRequest.js';

const of = (path: string, headers: Record<string, string> = {}) => toolsetOfRequest(path, '/mcp', headers);

describe('toolsetOfRequest', () => {
  it('reads nothing from the endpoint itself', () => {
    expect(of('/mcp')).toEqual({ ok: true, requests: [] });
    expect(of('/mcp/')).toEqual({ ok: true, requests: [] });
  });

  it.each([
    ['/mcp/x/alerts', { packs: ['alerts'], readOnly: false }],
    ['/mcp/x/alerts+datalake', { packs: ['alerts', 'datalake'], readOnly: false }],
    ['/mcp/readonly', { packs: undefined, readOnly: true }],
    ['/mcp/x/alerts/readonly', { packs: ['alerts'], readOnly: true }],
    ['/mcp/readonly/x/datalake/', { packs: ['datalake'], readOnly: true }],
    ['/mcp/x/alerts%2Bdatalake', { packs: ['alerts', 'datalake'], readOnly: false }],
  ])('reads the path %s', (path, request) => {
    expect(of(path)).toEqual({ ok: true, requests: [{ ...request, source: { packs: expect.any(String) } }] });
  });

  it.each([
    '/mcpx',
    '/mcp/x',
    '/mcp/x/',
    '/mcp/y/alerts',
    '/mcp/readonly/readonly',
    '/mcp/x/a/x/b',
    '/mcp/x/%E0%A4%A',
    '/other',
  ])('is not a toolset path: %s', (path) => {
    expect(of(path)).toBeUndefined();
  });

  it('reads the headers as one request besides the path', () => {
    expect(
      of('/mcp/x/alerts', {
        'x-mcp-toolsets': 'alerts, datalake,,',
        'x-mcp-tools': 'get_alert',
        'x-mcp-readonly': 'TRUE',
      }),
    ).toEqual({
      ok: true,
      requests: [
        { packs: ['alerts'], readOnly: false, source: { packs: 'the URL path /mcp/x/alerts' } },
        {
          packs: ['alerts', 'datalake'],
          tools: ['get_alert'],
          readOnly: true,
          source: { packs: 'X-MCP-Toolsets', tools: 'X-MCP-Tools' },
        },
      ],
    });
  });

  it('reads X-MCP-Readonly: false, and empty headers, as asking for nothing', () => {
    expect(of('/mcp', { 'x-mcp-readonly': 'false', 'x-mcp-toolsets': ' ' })).toEqual({
      ok: true,
      requests: [],
    });
  });

  it.each([
    [{ 'x-mcp-readonly': 'maybe' }, 'X-MCP-Readonly must be true or false'],
    [
      { 'x-mcp-tools': Array.from({ length: 101 }, (_, i) => `t${i}`).join(',') },
      'X-MCP-Tools: at most 100 names',
    ],
    [{ 'x-mcp-toolsets': 'a'.repeat(101) }, 'X-MCP-Toolsets: "aaaa'],
  ])('refuses %j', (headers, message) => {
    const parsed = of('/mcp', headers);
    expect(parsed?.ok).toBe(false);
    expect(parsed && !parsed.ok && parsed.message).toContain(message);
  });
});
