import { gzipSync } from 'node:zlib';
import type { Sandbox } from '@mcp-panther/sandbox';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ClientCapabilities, Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, baseEnv, connectStdio, killAll, startPanther } from './testdata/harness.js';

// MCP Apps end to end: the built server on the sandbox, one SDK client that declares the extension and one that
// does not. The one that does not must get exactly what a server without views serves.

const MIME = 'text/html;profile=mcp-app';
const UI = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [MIME] } } };
const VIEWS = {
  list_alerts: 'ui://panther/alerts',
  get_severity_alert_metrics: 'ui://panther/metrics',
  query_data_lake: 'ui://panther/query',
  get_detection: 'ui://panther/detection',
};
/** The most a view may weigh, gzipped. */
const VIEW_GZIP_BUDGET = 150 * 1024;

let panther: Sandbox;
const clients: Client[] = [];

beforeAll(async () => {
  assertBuilt();
  panther = await startPanther();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => {})));
  await killAll();
});
afterAll(async () => {
  await panther?.close();
});

async function connect(capabilities: ClientCapabilities, args = ['--read-write']): Promise<Client> {
  const env = baseEnv({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: panther.tokens.admin });
  const { client } = await connectStdio(args, env, { capabilities });
  clients.push(client);
  return client;
}

const withoutMeta = ({ _meta, ...tool }: Tool) => tool;

describe('MCP Apps views', () => {
  it('a client without the extension gets today’s tools, resources and results; one with it, only _meta more', async () => {
    const [plain, apps] = await Promise.all([connect({}), connect(UI)]);
    const [plainTools, appTools] = await Promise.all([plain.listTools(), apps.listTools()]);

    expect(plainTools.tools.filter((t) => t._meta !== undefined)).toEqual([]);
    expect(appTools.tools.map(withoutMeta)).toEqual(plainTools.tools);
    expect(Object.fromEntries(appTools.tools.filter((t) => t._meta).map((t) => [t.name, t._meta]))).toEqual(
      Object.fromEntries(Object.entries(VIEWS).map(([tool, uri]) => [tool, { ui: { resourceUri: uri } }])),
    );
    const plainSize = JSON.stringify(plainTools).length;
    const growth = JSON.stringify(appTools).length / plainSize - 1;
    console.log(`tools/list: ${plainSize} characters; with MCP Apps ${(growth * 100).toFixed(2)}% more`);
    expect(growth).toBeLessThanOrEqual(0.01);

    expect((await plain.listResources()).resources.map((r) => r.uri)).toEqual(['config://panther']);
    await expect(plain.readResource({ uri: VIEWS.list_alerts })).rejects.toThrow(/not found/);
    const args = { name: 'list_alerts', arguments: { page_size: 5 } };
    const [plainResult, appResult] = await Promise.all([plain.callTool(args), apps.callTool(args)]);
    // The one difference: the callable list in _meta (beside the untrusted-data paths both get).
    const { _meta: plainMeta, ...plainRest } = plainResult;
    const { _meta, ...appRest } = appResult;
    expect(appRest).toEqual(plainRest);
    expect(plainMeta?.['mcp-panther/callable']).toBeUndefined();
    expect(_meta).toEqual({
      ...plainMeta,
      'mcp-panther/callable': [
        'list_alerts',
        'get_alert',
        'get_alert_events',
        'update_alert_status',
        'update_alert_assignee',
        'add_alert_comment',
      ],
    });
  });

  it('serves each view as one self-contained HTML file within its size budget, declaring no origins', async () => {
    const apps = await connect(UI);
    const listed = (await apps.listResources()).resources.filter((r) => r.uri.startsWith('ui://'));
    expect(listed.map((r) => r.uri).sort()).toEqual(Object.values(VIEWS).sort());
    const sizes: string[] = [];
    for (const uri of Object.values(VIEWS)) {
      const { contents } = await apps.readResource({ uri });
      expect(contents).toHaveLength(1);
      const [content] = contents as [{ uri: string; mimeType: string; text: string; _meta: unknown }];
      expect(content.mimeType).toBe(MIME);
      expect(content._meta).toEqual({ ui: { csp: { connectDomains: [], resourceDomains: [] } } });
      expect(content.text.startsWith('<!doctype html>')).toBe(true);
      // Nothing loaded from elsewhere: no script or stylesheet by URL, no URL fetched by the page.
      expect(content.text).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
      const gzipped = gzipSync(content.text, { level: 9 }).length;
      sizes.push(`${uri} ${(gzipped / 1024).toFixed(1)} KB`);
      expect(gzipped, uri).toBeLessThanOrEqual(VIEW_GZIP_BUDGET);
    }
    console.log(`views, gzipped: ${sizes.join(', ')}`);
  });

  it('a read-only caller’s board may call no write tool', async () => {
    const client = await connect(UI, []);
    const result = await client.callTool({ name: 'list_alerts', arguments: { page_size: 1 } });
    expect(result._meta?.['mcp-panther/callable']).toEqual(['list_alerts', 'get_alert', 'get_alert_events']);
  });
});
