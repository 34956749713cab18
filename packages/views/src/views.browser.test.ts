import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import { describeWithPrograms, whichProgram } from '@mcp-panther/test-programs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ReadResourceResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, launchChromium, SCREENSHOTS, testHostUrl, viewFrame } from './testdata/browser.js';

// Each view rendered in headless Chromium by a test host built on ext-apps' AppBridge, against the built
// `mcp-panther` on the sandbox. The MCP client is the test's (over stdio, as a desktop client keeps it); the page
// forwards the view's tool calls to it, and the server's confirmations come back to the page as a dialog.

const BIN = fileURLToPath(new URL('../../cli/bin/mcp-panther.js', import.meta.url));
const MIME = 'text/html;profile=mcp-app';
const AXE = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));

/** What the test host page (web/testhost/host.ts) gives the test's page callbacks (the test has no DOM types). */
interface HostPage {
  renderView(options: unknown): Promise<void>;
  confirmOnPage(message: string): Promise<'accept' | 'decline'>;
  readonly document: { readonly activeElement: { readonly textContent: string | null } | null };
}

describeWithPrograms(['chromium'], 'views in a real browser', () => {
  let panther: Sandbox;
  let client: Client;
  let readOnly: Client;
  let browser: Browser;
  let page: Page;
  let tools: Tool[];
  /** Network requests the page made besides loading the test host itself. */
  const requests: string[] = [];
  const errors: string[] = [];
  let confirmations: string[] = [];

  async function connect(args: string[]): Promise<Client> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, ...args],
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        PANTHER_INSTANCE_URL: panther.url,
        PANTHER_API_TOKEN: panther.tokens.admin,
      },
      stderr: 'pipe',
    });
    const mcp = new Client(
      { name: 'views-browser-test', version: '1.0.0' },
      {
        capabilities: {
          elicitation: { form: {} },
          extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [MIME] } },
        },
      },
    );
    // The server asks the person through the host: the page shows a dialog, the test answers it there.
    mcp.setRequestHandler(ElicitRequestSchema, async (request) => {
      confirmations.push(request.params.message);
      const action = await page.evaluate(
        (message) => (globalThis as unknown as HostPage).confirmOnPage(message),
        request.params.message,
      );
      return { action };
    });
    await mcp.connect(transport);
    return mcp;
  }

  /** Calls the tool as the model would, reads its view as the host would, and renders the two in the page. */
  async function render(mcp: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    const listed = mcp === client ? tools : (await mcp.listTools()).tools;
    const tool = listed.find((t) => t.name === name)!;
    const uri = (tool._meta as { ui?: { resourceUri?: string } }).ui!.resourceUri!;
    const resource = (await mcp.readResource({ uri })) as ReadResourceResult;
    const content = resource.contents[0] as { text: string; _meta?: { ui?: { csp?: object } } };
    const result = (await mcp.callTool({ name, arguments: args })) as CallToolResult;
    await page.evaluate((options) => (globalThis as unknown as HostPage).renderView(options), {
      html: content.text,
      tool,
      args,
      result,
      csp: content._meta?.ui?.csp,
    });
    await viewFrame(page).locator('h1').first().waitFor();
    return result;
  }

  async function screenshot(name: string): Promise<void> {
    await page.locator('#frames iframe').screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  }

  /** axe-core in the view's frame: no serious or critical violation. */
  async function accessibility(): Promise<string[]> {
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.addScriptTag({ content: await readFile(AXE, 'utf8') });
    const violations = await frame.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
        }
      ).axe;
      const { violations } = await axe.run();
      return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes})`);
  }

  beforeAll(async () => {
    panther = await startSandbox({ events: 2_000, seed: 7 });
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium(whichProgram('chromium')!);
    page = await browser.context.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    client = await connect(['--read-write']);
    readOnly = await connect([]);
    tools = (await client.listTools()).tools;
    let current = client;
    await page.exposeFunction(
      'mcpCallTool',
      (params: { name: string; arguments?: Record<string, unknown> }) => current.callTool(params),
    );
    (globalThis as { useClient?: (c: Client) => void }).useClient = (c) => {
      current = c;
    };
    await page.goto(testHostUrl());
  }, 120_000);

  afterAll(async () => {
    await Promise.all([client?.close(), readOnly?.close()].map((p) => p?.catch(() => {})));
    await browser?.close();
    await panther?.close();
  });

  const useClient = (c: Client) => (globalThis as unknown as { useClient: (c: Client) => void }).useClient(c);

  it('the board shows the alerts the text answer lists; sorting and filtering work; keyboard reaches the actions', async () => {
    useClient(client);
    const result = await render(client, 'list_alerts', { page_size: 30 });
    const listed = JSON.parse((result.content[0] as { text: string }).text) as {
      alerts: { columns: string[]; rows: unknown[][] };
    };
    const titleAt = listed.alerts.columns.indexOf('title');
    const frame = viewFrame(page);
    const rows = frame.locator('table.grid tbody tr');
    await expect.poll(() => rows.count()).toBe(listed.alerts.rows.length);
    const shownTitles = await frame.locator('table.grid tbody tr td button.link').allTextContents();
    expect(shownTitles.sort()).toEqual(listed.alerts.rows.map((r) => String(r[titleAt])).sort());
    await screenshot('alert-board');

    // Sort by severity (header button), then filter by text.
    await frame.getByRole('button', { name: 'Severity', exact: true }).click();
    const severities = await frame.locator('table.grid tbody tr td .badge').allTextContents();
    const rank = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
    expect(severities.map((s) => rank.indexOf(s))).toEqual(
      [...severities.map((s) => rank.indexOf(s))].sort((a, b) => a - b),
    );
    const needle = String(listed.alerts.rows[0]![titleAt]).slice(0, 12);
    await frame.getByLabel('Filter').fill(needle);
    const filtered = await frame.locator('table.grid tbody tr td button.link').allTextContents();
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((t) => t.toLowerCase().includes(needle.toLowerCase()))).toBe(true);
    await frame.getByRole('button', { name: 'Show all' }).click();
    expect(await accessibility()).toEqual([]);

    // Keyboard only: focus the first alert's title, open it with Enter, Tab until the status action has focus.
    const inView = page.frames().find((f) => f !== page.mainFrame())!;
    const focused = () =>
      inView.evaluate(() => (globalThis as unknown as HostPage).document.activeElement?.textContent ?? '');
    await frame.locator('table.grid tbody tr td button.link').first().focus();
    await page.keyboard.press('Enter');
    await frame.getByRole('button', { name: 'Set status' }).waitFor();
    for (let i = 0; i < 40 && (await focused()) !== 'Set status'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Set status');
  }, 120_000);

  it('changing an alert’s status asks for confirmation through the host, and Panther has the change', async () => {
    useClient(client);
    await render(client, 'list_alerts', { page_size: 10, statuses: ['OPEN'] });
    const frame = viewFrame(page);
    const first = frame.locator('table.grid tbody tr').first();
    const id = (await first.locator('td').first().textContent())!.trim();
    await first.locator('button.link').click();
    await frame.locator('.actions select').selectOption('TRIAGED');
    confirmations = [];
    await frame.getByRole('button', { name: 'Set status' }).click();
    const dialog = page.locator('#confirm');
    await dialog.waitFor({ state: 'visible' });
    await dialog.screenshot({ path: path.join(SCREENSHOTS, 'alert-board-confirm.png') });
    await page.locator('#confirm-accept').click();
    await expect.poll(() => frame.locator('#status').textContent()).toContain('Status set to TRIAGED');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toContain(`Mark as triaged alert ${id}`);
    const response = await fetch(`${panther.url}/alerts/${id}`, {
      headers: { 'X-API-Key': panther.tokens.admin },
    });
    expect(((await response.json()) as { status: string }).status).toBe('TRIAGED');
    await screenshot('alert-board-detail');
  }, 120_000);

  it('a read-only caller’s board has no action buttons', async () => {
    useClient(readOnly);
    await render(readOnly, 'list_alerts', { page_size: 5 });
    const frame = viewFrame(page);
    await frame.locator('table.grid tbody tr button.link').first().click();
    await frame.getByText('Events (').waitFor();
    expect(await frame.getByRole('button', { name: 'Set status' }).count()).toBe(0);
    expect(await frame.getByRole('group', { name: 'Actions' }).count()).toBe(0);
  });

  it('the query view draws a chart whose values match the rows, and reads the next page', async () => {
    useClient(client);
    const sql =
      "select date_trunc('hour', p_event_time) as hour, count(*) as n from panther_logs.public.aws_cloudtrail " +
      "where p_occurs_since('1 d') group by 1 order by 1";
    const result = await render(client, 'query_data_lake', { sql });
    const answer = result.structuredContent as { columns: string[]; rows: [string, number][] };
    const frame = viewFrame(page);
    await frame.locator('figure.chart canvas').first().waitFor();
    expect(await frame.getByRole('img').getAttribute('aria-label')).toBe(
      `Line chart of n over hour: ${answer.rows.length} points.`,
    );
    await frame.getByText('Chart data').click();
    const charted = await frame
      .locator('details.chart-data tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th')!.textContent, Number(tr.querySelector('td')!.textContent)]),
      );
    const expected = answer.rows.map(([hour, n]) => [`${hour.replace(' ', 'T').replace('.000', '')}Z`, n]);
    expect(charted).toEqual(expected);
    await frame.getByText('Chart data').click();
    await screenshot('query-time-series');
    expect(await accessibility()).toEqual([]);

    const bars = await render(client, 'query_data_lake', {
      sql: "select eventName, count(*) as n from panther_logs.public.aws_cloudtrail where p_occurs_since('7 d') group by 1 order by 2 desc",
      max_rows: 10,
    });
    const page1 = bars.structuredContent as { rows: unknown[][]; next_cursor?: string };
    expect(page1.next_cursor).toBeTruthy();
    await frame.getByRole('button', { name: 'Bars' }).waitFor();
    await screenshot('query-bars');
    await frame.getByRole('button', { name: 'Read the next page' }).click();
    await expect
      .poll(() => frame.locator('table.grid[aria-label="Query results"] tbody tr').count())
      .toBeGreaterThan(10);
  });

  it('the detection view shows the body, tests and state, and disables after confirmation', async () => {
    useClient(client);
    await render(client, 'get_detection', { detection_id: 'AWS.CloudTrail.Stopped' });
    const frame = viewFrame(page);
    await expect.poll(() => frame.locator('pre.code .tok-kw').count()).toBeGreaterThan(0);
    expect(await frame.locator('[data-state]').getAttribute('data-state')).toBe('enabled');
    expect(await frame.locator('ul.tests li').count()).toBeGreaterThan(0);
    expect(await accessibility()).toEqual([]);
    await screenshot('detection');
    await frame.getByRole('button', { name: 'Disable detection' }).click();
    await page.locator('#confirm').waitFor({ state: 'visible' });
    await page.locator('#confirm-accept').click();
    await expect.poll(() => frame.locator('[data-state]').getAttribute('data-state')).toBe('disabled');
  });

  it('the metrics view draws stacked bars by severity and switches to alerts per rule', async () => {
    useClient(client);
    await render(client, 'get_severity_alert_metrics', {});
    const frame = viewFrame(page);
    await frame.locator('figure.chart canvas').first().waitFor();
    expect(await frame.getByRole('img').getAttribute('aria-label')).toMatch(
      /^Stacked bars of \d+ alerts by severity/,
    );
    expect(await accessibility()).toEqual([]);
    await screenshot('metrics-severity');
    await frame.getByRole('button', { name: 'By rule' }).click();
    await expect
      .poll(() => frame.getByRole('img').getAttribute('aria-label'))
      .toMatch(/^Bars of alerts per rule/);
    await screenshot('metrics-rules');
  });

  it('a third-party pack’s view (the example pack) renders its counts and counts again through the host', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-views-'));
    const config = path.join(dir, 'mcp-panther.config.json');
    await writeFile(config, JSON.stringify({ packs: ['example-mcp-panther-pack'] }));
    const example = await connect(['--config', config]);
    try {
      useClient(example);
      const result = await render(example, 'example_count_recent_alerts', { hours: 24 });
      const counts = result.structuredContent as { total: number; by_severity: Record<string, number> };
      const frame = viewFrame(page);
      await expect
        .poll(() => frame.locator('#summary').textContent())
        .toBe(`${counts.total} alerts in the last 24 hours`);
      const shown = await frame
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.querySelector('th')!.textContent, Number(tr.querySelector('td')!.textContent)]),
        );
      expect(Object.fromEntries(shown)).toEqual(counts.by_severity);
      expect(shown.map(([severity]) => severity)).toEqual(
        ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'].filter((s) => s in counts.by_severity),
      );
      expect(await accessibility()).toEqual([]);
      await screenshot('example-recent-alerts');

      await frame.getByRole('button', { name: 'Last 7 days' }).click();
      const week = (await example.callTool({
        name: 'example_count_recent_alerts',
        arguments: { hours: 168, severities: [] },
      })) as CallToolResult;
      const weekTotal = (week.structuredContent as { total: number }).total;
      await expect
        .poll(() => frame.locator('#summary').textContent())
        .toBe(`${weekTotal} alerts in the last 7 days`);
      expect(await frame.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe(
        'true',
      );
    } finally {
      await example.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loaded nothing from the network and logged no error', () => {
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
});
