import { readFile } from 'node:fs/promises';
import { assertPackConventions, createTestHost, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { examplePack } from './index.js';

// The pack against the sandbox (a local Panther API with generated data): ids and counts come from its API.

let panther: Sandbox;
let host: TestHost | undefined;
beforeAll(async () => {
  panther = await startSandbox({ events: 2_000, seed: 4 });
});
afterEach(async () => {
  await host?.close();
  host = undefined;
});
afterAll(async () => {
  await panther?.close();
});

const text = (r: { content: unknown }) => (r.content as { text: string }[])[0]!.text;

/** A REST answer straight from the sandbox, as the admin token sees it. */
async function rest<T>(path: string): Promise<T> {
  const response = await fetch(`${panther.url}${path}`, { headers: { 'X-API-Key': panther.tokens.admin } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** Alerts (type ALERT) created in the last `hours`, by severity, read page by page. */
async function countAlerts(hours: number): Promise<Record<string, number>> {
  const since = new Date(Date.now() - hours * 3_600_000).toISOString();
  const counts: Record<string, number> = {};
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ 'created-after': since, type: 'ALERT', limit: '50' });
    if (cursor) query.set('cursor', cursor);
    const page: { results: { severity: string }[]; next: string | null } = await rest(`/alerts?${query}`);
    for (const alert of page.results) counts[alert.severity] = (counts[alert.severity] ?? 0) + 1;
    cursor = page.next;
  } while (cursor);
  return counts;
}

describe('example-ioc pack', () => {
  it('follows the pack conventions', () => {
    expect(() => assertPackConventions(examplePack)).not.toThrow();
  });

  it('serves only the read tool in read-only mode', async () => {
    host = await createTestHost({
      packs: [examplePack],
      panther: { url: panther.url, token: panther.tokens.admin },
    });
    expect(await host.tools()).toEqual(['example_count_recent_alerts']);
  });

  it('counts recent alerts by severity', async () => {
    host = await createTestHost({
      packs: [examplePack],
      panther: { url: panther.url, token: panther.tokens.analyst },
    });
    const expected = await countAlerts(168);
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    const result = await host.call('example_count_recent_alerts', { hours: 168 });
    expect(result.structuredContent).toEqual({ hours: 168, total, by_severity: expected, truncated: false });

    const [severity, count] = Object.entries(expected).sort((a, b) => b[1] - a[1])[0]!;
    const one = await host.call('example_count_recent_alerts', { hours: 168, severities: [severity] });
    expect(one.structuredContent).toMatchObject({ total: count, by_severity: { [severity]: count } });
  });

  it('adds an IOC note in read-write mode and checks the indicator', async () => {
    host = await createTestHost({
      packs: [examplePack],
      panther: { url: panther.url, token: panther.tokens.responder },
      policy: { mode: 'read-write' },
    });
    expect(await host.tools()).toEqual(['example_add_ioc_note', 'example_count_recent_alerts']);
    const [alert] = (await rest<{ results: { id: string }[] }>('/alerts?limit=1')).results;
    const alertId = alert!.id;
    const ok = await host.call('example_add_ioc_note', {
      alert_id: alertId,
      kind: 'ip',
      indicator: '203.0.113.7',
      note: 'seen in the VPC flow logs',
    });
    expect(ok.structuredContent).toEqual({ alert_id: alertId, comment_id: expect.any(String) });
    const { comment_id } = ok.structuredContent as { comment_id: string };
    expect(await rest(`/alert-comments/${comment_id}`)).toMatchObject({
      alertId,
      body: 'IOC (ip): 203.0.113.7 (seen in the VPC flow logs)',
      format: 'PLAIN_TEXT',
    });

    const requests = panther.stats.requests;
    const bad = await host.call('example_add_ioc_note', {
      alert_id: alertId,
      kind: 'sha256',
      indicator: 'abc',
    });
    expect(text(bad)).toBe('Invalid argument "indicator": is not a valid sha256');
    expect(panther.stats.requests).toBe(requests);

    const missing = await host.call('example_add_ioc_note', {
      alert_id: 'no-such-alert',
      kind: 'domain',
      indicator: 'evil.example',
    });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toBe(
      'example_add_ioc_note failed: Not found in Panther (404): Alert no-such-alert not found',
    );
  });

  it('hides the write tool from a token without AlertModify', async () => {
    host = await createTestHost({
      packs: [examplePack],
      panther: { url: panther.url, token: panther.tokens.analyst },
      policy: { mode: 'read-write' },
    });
    expect(await host.tools()).toEqual(['example_count_recent_alerts']);
    expect(host.host.info().hidden_tools).toEqual([
      expect.objectContaining({ name: 'example_add_ioc_note', reason: 'permission' }),
    ]);
  });

  it('links its view only for a client that renders MCP Apps, and serves it as one self-contained page', async () => {
    const uri = 'ui://example-ioc/recent-alerts';
    const token = { url: panther.url, token: panther.tokens.analyst };
    host = await createTestHost({ packs: [examplePack], panther: token });
    const [plain] = (await host.client.listTools()).tools;
    expect(plain?._meta).toBeUndefined();
    expect((await host.client.listResources()).resources.map((r) => r.uri)).toEqual(['config://panther']);
    await expect(host.client.readResource({ uri })).rejects.toThrow(/not found/);
    expect((await host.call('example_count_recent_alerts', { hours: 1 }))._meta).toBeUndefined();
    await host.close();

    host = await createTestHost({ packs: [examplePack], panther: token, views: true });
    const [linked] = (await host.client.listTools()).tools;
    expect(linked?._meta).toEqual({ ui: { resourceUri: uri } });
    expect((await host.client.listResources()).resources).toContainEqual(
      expect.objectContaining({
        uri,
        title: 'Recent alerts by severity',
        mimeType: 'text/html;profile=mcp-app',
      }),
    );
    const { contents } = await host.client.readResource({ uri });
    const [page] = contents as unknown as [{ text: string; mimeType: string; _meta: unknown }];
    expect(page.mimeType).toBe('text/html;profile=mcp-app');
    expect(page._meta).toEqual({ ui: { csp: { connectDomains: [], resourceDomains: [] } } });
    expect(page.text.startsWith('<!doctype html>')).toBe(true);
    // Self-contained: the script is inlined, nothing is loaded by URL.
    expect(page.text).toMatch(/<script type="module">/);
    expect(page.text).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    // It names the npm packages it inlines; their licences are in the notices built beside it.
    const named =
      /<!-- Bundled third-party code: ([^\n]*?)\. Licences: /.exec(page.text)?.[1]?.split(', ') ?? [];
    expect(named.length).toBeGreaterThan(0);
    const notices = await readFile(new URL('../dist/views/THIRD-PARTY-NOTICES.md', import.meta.url), 'utf8');
    for (const entry of named) expect(notices).toContain(`\n## ${entry}\n`);
    // The view may count again: its tool is callable by this caller.
    const counted = await host.call('example_count_recent_alerts', { hours: 1 });
    expect(counted._meta).toEqual({ 'mcp-panther/callable': ['example_count_recent_alerts'] });
  });

  it('hides both tools from a token without AlertRead or AlertModify', async () => {
    host = await createTestHost({
      packs: [examplePack],
      panther: { url: panther.url, token: panther.tokens.noAccess },
      policy: { mode: 'read-write' },
    });
    expect(await host.tools()).toEqual([]);
  });
});
