import path from 'node:path';
import type { Sandbox } from '@mcp-panther/sandbox';
import { describeWithPrograms } from '@mcp-panther/test-programs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postMcp } from '../../core/src/testdata/rawMcp.js';
import {
  assertBuilt,
  baseEnv,
  connectHttp,
  killAll,
  startHttp,
  startPanther,
  tempDir,
  writeConfig,
} from './testdata/harness.js';
import { type IdentityProvider, startIdentityProvider } from './testdata/identityProvider.js';
import { type Nginx, startNginx } from './testdata/nginx.js';
import { WORKSPACE_ROOT } from './testdata/workspacePackages.js';

// examples/deploy/nginx/mcp-panther.conf as shipped (only its listener and upstream addresses changed), run by
// Debian's nginx in front of two built stateless replicas with OAuth, and the SDK's client through it.

const EXAMPLE = path.join(WORKSPACE_ROOT, 'examples/deploy/nginx/mcp-panther.conf');
const AUDIENCE = 'https://mcp.example.com/mcp';

let panther: Sandbox;
let idp: IdentityProvider;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let replicas: Awaited<ReturnType<typeof startHttp>>[] = [];
let nginx: Nginx;
let token: string;
const clients: Client[] = [];

async function connect(endpoint: string): Promise<Client> {
  const client = await connectHttp(`${nginx.url}${endpoint}`, { authorization: `Bearer ${token}` });
  clients.push(client);
  return client;
}

/** The replicas nginx tried for each POST to `uri` since access log line `from` (`A, B`: A, then B). */
async function upstreamsOf(uri: string, from: number): Promise<string[]> {
  return (await nginx.accessLog())
    .slice(from)
    .map((line) => line.split('|'))
    .filter(([method, path]) => method === 'POST' && path === uri)
    .map((fields) => fields[3]!);
}

describeWithPrograms(['nginx'], 'the nginx example in front of two replicas', () => {
  beforeAll(async () => {
    assertBuilt();
    [panther, idp, tmp] = await Promise.all([startPanther(), startIdentityProvider(AUDIENCE), tempDir()]);
    const config = await writeConfig(tmp.dir, 'replica.config.json', {
      server: {
        transport: 'http',
        host: '127.0.0.1',
        port: 0,
        stateless: true,
        auth: { oauth: { issuer: idp.issuer, audience: AUDIENCE, groupsClaim: 'groups' } },
      },
      profiles: {
        analyst: {
          match: { groups: ['soc-analysts'] },
          mode: 'read-only',
          pantherTokenEnv: 'PANTHER_TOKEN_ANALYST',
        },
      },
      telemetry: { metrics: { enabled: true } },
    });
    const env = baseEnv({
      PANTHER_INSTANCE_URL: panther.url,
      PANTHER_API_TOKEN: panther.tokens.noAccess,
      PANTHER_TOKEN_ANALYST: panther.tokens.analyst,
    });
    replicas = await Promise.all([0, 1].map(() => startHttp(['--config', config], env, 30_000)));
    nginx = await startNginx({
      example: EXAMPLE,
      upstreams: replicas.map((replica) => new URL(replica.url).host),
      dir: tmp.dir,
    });
    token = await idp.token({ sub: 'u-ann', groups: ['soc-analysts'] });
  }, 90_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    await nginx?.stop();
    await killAll();
    await Promise.all([panther?.close(), idp?.stop(), tmp?.remove()]);
  });

  it('pass MCP through: initialize, tools/list and a tool call on the sandbox, spread over both replicas', async () => {
    const before = (await nginx.accessLog()).length;
    const client = await connect('/mcp');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('list_alerts');
    for (let i = 0; i < 2; i += 1) {
      const result = (await client.callTool({
        name: 'list_alerts',
        arguments: { page_size: 3 },
      })) as CallToolResult;
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(
        (result.structuredContent as { alerts: { rows: unknown[] } }).alerts.rows.length,
      ).toBeGreaterThan(0);
    }
    const upstreams = await upstreamsOf('/mcp', before);
    expect(upstreams.length).toBeGreaterThanOrEqual(4);
    expect(new Set(upstreams)).toEqual(new Set(replicas.map((replica) => new URL(replica.url).host)));
  });

  it('pass the toolset paths below /mcp', async () => {
    const alerts = (await (await connect('/mcp/x/alerts')).listTools()).tools.map((tool) => tool.name);
    expect(alerts).toContain('list_alerts');
    expect(alerts).not.toContain('query_data_lake');
  });

  it('pass /healthz, /readyz and the OAuth metadata, and the 401 that points at it', async () => {
    const health = await fetch(`${nginx.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${nginx.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', panther: 'ok' });
    for (const metadataPath of [
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
    ]) {
      const metadata = await fetch(`${nginx.url}${metadataPath}`);
      expect(metadata.status, metadataPath).toBe(200);
      expect(await metadata.json()).toMatchObject({
        resource: AUDIENCE,
        authorization_servers: [idp.issuer],
      });
    }
    const refused = await postMcp(`${nginx.url}/mcp`, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain(
      'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
  });

  it('keep /metrics and other paths to itself, though a replica serves /metrics to loopback callers', async () => {
    expect((await fetch(replicas[0]!.url.replace(/\/mcp$/, '/metrics'))).status).toBe(200);
    for (const other of ['/metrics', '/', '/mcpx', '/.well-known/openid-configuration']) {
      expect((await fetch(`${nginx.url}${other}`)).status, other).toBe(404);
    }
  });

  it('answer every call with one replica stopped', async () => {
    const client = await connect('/mcp');
    replicas[1]!.process.kill('SIGTERM');
    await new Promise((resolve) => replicas[1]!.process.once('exit', resolve));
    const before = (await nginx.accessLog()).length;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => client.callTool({ name: 'list_alerts', arguments: { page_size: 1 } })),
    );
    expect(results.filter((result) => result.isError)).toEqual([]);
    const first = new URL(replicas[0]!.url).host;
    // A request nginx could not connect with goes to the next replica; none is answered by the stopped one.
    const upstreams = await upstreamsOf('/mcp', before);
    expect(upstreams.length).toBeGreaterThanOrEqual(4);
    expect(
      upstreams.every((tried) => tried.endsWith(first)),
      upstreams.join('; '),
    ).toBe(true);
  });
});
