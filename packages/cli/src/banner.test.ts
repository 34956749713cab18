import { describe, expect, it } from 'vitest';
import { httpBanner, selfCommand, serveBanner } from './banner.js';

describe('selfCommand', () => {
  it('repeats how the command was started: a bin on the PATH, npx, or node and a script', () => {
    expect(selfCommand('/usr/local/bin/mcp-panther', '/home/me')).toBe('mcp-panther');
    expect(selfCommand('/home/me/.npm/_npx/4f1e/node_modules/.bin/mcp-panther', '/tmp')).toBe(
      'npx -y mcp-panther',
    );
    expect(selfCommand('/repo/packages/cli/bin/mcp-panther.js', '/repo')).toBe(
      'node packages/cli/bin/mcp-panther.js',
    );
    expect(selfCommand('/opt/my dir/mcp-panther.js', '/home/me')).toBe("node '/opt/my dir/mcp-panther.js'");
  });
});

describe('serveBanner', () => {
  const facts = {
    version: '1.2.3',
    sandbox: false,
    panther: 'https://acme.runpanther.net',
    mode: 'read-write',
    tools: 35,
    hidden: 1,
    command: 'mcp-panther',
    args: ['--config', 'team config.json'],
  };

  it('says which Panther, the mode and tools, that it waits for a client, and how to look around', () => {
    const text = serveBanner(facts, false);
    expect(text).toContain('mcp-panther 1.2.3 is serving MCP over stdio');
    expect(text).toContain('  Panther  https://acme.runpanther.net\n');
    expect(text).toContain('  Mode     read-write, 35 tools (1 hidden: "mcp-panther tools" says why)\n');
    expect(text).toContain('It now waits for an MCP client on stdin');
    expect(text).toContain("  mcp-panther --config 'team config.json' tools ");
    expect(text).toContain(
      "  npx @modelcontextprotocol/inspector mcp-panther --config 'team config.json'  tries them",
    );
    expect(text).not.toContain('\x1b[');
  });

  it('never shows a user name or password in the Panther URL', () => {
    const text = serveBanner({ ...facts, panther: 'https://svc:hunter2-secret@acme.runpanther.net' }, false);
    expect(text).toContain('  Panther  https://***@acme.runpanther.net\n');
    expect(text).not.toContain('hunter2-secret');
  });

  it('names the sandbox and how to leave it', () => {
    expect(serveBanner({ ...facts, sandbox: true, hidden: 0 }, true)).toContain(
      'Panther  the embedded sandbox, with generated demo data (set PANTHER_INSTANCE_URL and PANTHER_API_TOKEN for yours)',
    );
  });
});

describe('httpBanner', () => {
  const facts = {
    version: '1.2.3',
    sandbox: true,
    panther: 'http://127.0.0.1:9/',
    mode: 'read-only',
    tools: 30,
    hidden: 6,
    command: 'mcp-panther',
    args: ['--transport', 'http'],
  };

  it('says where it listens and gives client configs to paste that parse as JSON', () => {
    const text = httpBanner(facts, 'http://127.0.0.1:8000/mcp', 'none', false);
    expect(text).toContain('is serving MCP over streamable HTTP at http://127.0.0.1:8000/mcp');
    const configs = text.split('\n').filter((line) => line.trim().startsWith('{'));
    expect(configs.map((line) => JSON.parse(line))).toEqual([
      { mcpServers: { panther: { url: 'http://127.0.0.1:8000/mcp' } } },
      { servers: { panther: { type: 'http', url: 'http://127.0.0.1:8000/mcp' } } },
    ]);
    expect(text).toContain('Ctrl-C stops it.');
  });

  it('adds the Authorization header a shared token needs, never the token itself', () => {
    const text = httpBanner(facts, 'http://127.0.0.1:8000/mcp', 'bearer', false);
    const first = JSON.parse(text.split('\n').find((line) => line.includes('mcpServers'))!);
    expect(first.mcpServers.panther.headers).toEqual({ Authorization: 'Bearer <MCP_HTTP_AUTH_TOKEN>' });
    expect(httpBanner(facts, 'https://mcp.example.com/mcp', 'oauth', false)).toContain('identity provider');
  });
});
