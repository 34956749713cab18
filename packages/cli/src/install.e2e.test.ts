import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio } from './testdata/harness.js';
import {
  folderSize,
  installedPackages,
  npmInstall,
  type RunResult,
  run,
  testNode,
  userEnv,
} from './testdata/install.js';
import { readPackDoc } from './testdata/packDoc.js';
import {
  type Manifest,
  type PackedPackage,
  packPackage,
  publicPackages,
  WORKSPACE_ROOT,
  workspacePackages,
} from './testdata/workspacePackages.js';

// mcp-panther as a user installs it. The workspace's public packages are packed as the release packs them
// (`pnpm pack`, what `pnpm publish` uploads); the `mcp-panther` tarball alone is installed with plain npm into an
// empty folder outside the workspace; the example third-party pack goes into another folder, beside a typed config
// that names it; a pack made by `create-pack` is installed, tested, built and loaded. MCP_PANTHER_TEST_NODE runs
// all of it under another Node binary (CI: Node 24).

const node = testNode();
let work: string;
let packed: Map<string, PackedPackage>;
let appDir: string;
let bin: string;
let panther: Sandbox;

const cli = (args: readonly string[], cwd: string, extra: Record<string, string> = {}): Promise<RunResult> =>
  run(bin, args, { cwd, env: userEnv(node, extra), timeoutMs: 60_000 });

const tarball = (name: string): string => {
  const found = packed.get(name);
  if (!found) throw new Error(`${name} was not packed`);
  return found.filename;
};

/** The files an `exports` map points at (its leaves). */
const exportTargets = (exports: unknown): string[] =>
  typeof exports === 'string'
    ? [exports]
    : typeof exports === 'object' && exports !== null
      ? Object.values(exports).flatMap(exportTargets)
      : [];

/** The manifest inside a tarball, as the registry would serve it. */
const packedManifest = (file: string): Manifest =>
  JSON.parse(execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' })) as Manifest;

/** An SDK client over stdio to the installed command, started in `cwd`. */
async function connect(
  cwd: string,
  extra: Record<string, string> = {},
  args: string[] = [],
): Promise<Client> {
  return (await connectStdio(args, userEnv(node, extra), { command: bin, cwd })).client;
}

/** Alerts (type ALERT) of the last `hours` by severity, read from the sandbox's REST API page by page. */
async function countAlerts(hours: number): Promise<Record<string, number>> {
  const since = new Date(Date.now() - hours * 3_600_000).toISOString();
  const counts: Record<string, number> = {};
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ 'created-after': since, type: 'ALERT', limit: '50' });
    if (cursor) query.set('cursor', cursor);
    const response = await fetch(`${panther.url}/alerts?${query}`, {
      headers: { 'X-API-Key': panther.tokens.admin },
    });
    const page = (await response.json()) as { results: { severity: string }[]; next: string | null };
    for (const alert of page.results) counts[alert.severity] = (counts[alert.severity] ?? 0) + 1;
    cursor = page.next;
  } while (cursor);
  return counts;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mcp-panther-install-'));
  const tarballs = path.join(work, 'tarballs');
  const example = workspacePackages().find((p) => p.folder === 'examples/third-party-pack');
  if (!example) throw new Error('examples/third-party-pack is missing');
  const all = await Promise.all([...publicPackages(), example].map((p) => packPackage(p.dir, tarballs)));
  packed = new Map(all.map((p) => [p.name, p]));

  appDir = path.join(work, 'app');
  await mkdir(appDir);
  await writeFile(path.join(appDir, 'package.json'), '{ "name": "app", "private": true }\n');
  await npmInstall(appDir, [tarball('mcp-panther')], userEnv(node));
  bin = path.join(appDir, 'node_modules', '.bin', 'mcp-panther');
  panther = await startSandbox({ events: 2_000, seed: 11 });
}, 600_000);

afterAll(async () => {
  await panther?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('are what the release publishes: licence, README, resolved versions, only shipped files named', () => {
    for (const pkg of packed.values()) {
      expect(pkg.files, pkg.name).toContain('LICENSE');
      expect(pkg.files, pkg.name).toContain('package.json');
      if (pkg.name !== 'example-mcp-panther-pack') expect(pkg.files, pkg.name).toContain('README.md');
      expect(
        pkg.files.filter((f) => /\.map$|\.test\.|\.tsbuildinfo$|^src\//.test(f)),
        pkg.name,
      ).toEqual([]);
      const manifest = packedManifest(pkg.filename);
      const specs = Object.values({ ...manifest.dependencies, ...manifest.peerDependencies });
      expect(
        specs.filter((s) => /^(workspace|catalog):/.test(s)),
        pkg.name,
      ).toEqual([]);
      for (const target of exportTargets(manifest.exports)) {
        expect(pkg.files, `${pkg.name} exports ${target}`).toContain(target.replace(/^\.\//, ''));
      }
      for (const target of Object.values(manifest.bin ?? {})) {
        expect(pkg.files, `${pkg.name} bin ${target}`).toContain(target.replace(/^\.\//, ''));
      }
      expect(JSON.stringify(manifest.exports), pkg.name).not.toContain('"source"');
    }
  });
});

describe('mcp-panther installed alone with npm', () => {
  it('brings everything it needs, and nothing of this workspace', () => {
    expect(path.relative(WORKSPACE_ROOT, appDir).startsWith('..')).toBe(true);
    const nodeModules = path.join(appDir, 'node_modules');
    const installed = installedPackages(nodeModules);
    expect(installed).toContain('mcp-panther');
    expect(installed.filter((name) => name.startsWith('@mcp-panther/'))).toEqual([]);
    const mib = folderSize(nodeModules) / 2 ** 20;
    const version = execFileSync(node.node, ['--version'], { encoding: 'utf8' }).trim();
    console.log(
      `install (Node ${version}): ${installed.length} packages, ${mib.toFixed(1)} MiB in node_modules ` +
        `(mcp-panther itself ${(folderSize(path.join(nodeModules, 'mcp-panther')) / 2 ** 20).toFixed(1)} MiB): ${installed.join(', ')}`,
    );
  });

  it('answers --help and --version', async () => {
    const help = await cli(['--help'], appDir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mcp-panther [command] [options]');
    const version = await cli(['--version'], appDir);
    expect(version.stdout.trim()).toBe(packed.get('mcp-panther')?.version);
  });

  it('lists 37 tools in read-write mode, on the embedded sandbox', async () => {
    const text = await cli(['tools', '--read-write'], appDir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('37 of 37 tools enabled (mode read-write, sandbox)');
    const json = await cli(['tools', '--read-write', '--json'], appDir);
    const listed = JSON.parse(json.stdout) as { sandbox: boolean; tools: { status: string }[] };
    expect(listed.sandbox).toBe(true);
    expect(listed.tools.filter((t) => t.status === 'enabled')).toHaveLength(37);
  });

  it('serves MCP over stdio: lists the tools and calls list_alerts on the sandbox', async () => {
    const listed = JSON.parse((await cli(['tools', '--json'], appDir)).stdout) as {
      tools: { tool: string; status: string }[];
    };
    const expected = listed.tools.filter((t) => t.status === 'enabled').map((t) => t.tool);
    const client = await connect(appDir);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names.sort()).toEqual(expected.sort());
      const result = await client.callTool({ name: 'list_alerts', arguments: { page_size: 5 } });
      expect(result.isError).toBeFalsy();
      // A list is a table: each column once, each alert a row of values.
      const table = (result.structuredContent as { alerts: { columns: string[]; rows: unknown[][] } }).alerts;
      const id = table.columns.indexOf('id');
      const alerts = table.rows.map((row) => ({ id: row[id] as string }));
      expect(alerts.length).toBeGreaterThan(0);
      const one = await client.callTool({ name: 'get_alert', arguments: { alert_id: alerts[0]!.id } });
      expect((one.structuredContent as { alert: { id: string } }).alert.id).toBe(alerts[0]!.id);
      const resource = await client.readResource({ uri: 'config://panther' });
      expect(JSON.parse((resource.contents[0] as { text: string }).text)).toMatchObject({ sandbox: true });
    } finally {
      await client.close();
    }
  });
});

describe('a third-party pack installed in its own folder', () => {
  let packsDir: string;

  beforeAll(async () => {
    packsDir = path.join(work, 'packs');
    await mkdir(packsDir);
    await writeFile(path.join(packsDir, 'package.json'), '{ "name": "my-packs", "private": true }\n');
    await npmInstall(packsDir, [tarball('example-mcp-panther-pack')], userEnv(node));
    // TypeScript only a type-aware loader accepts; @mcp-panther/core is not installed here: the host provides it.
    await writeFile(
      path.join(packsDir, 'mcp-panther.config.ts'),
      [
        "import { defineConfig } from '@mcp-panther/core';",
        '',
        "type Mode = 'read-only' | 'read-write';",
        "const mode: Mode = 'read-write';",
        'const maxPages: number = 20;',
        '',
        'export default defineConfig({',
        "  packs: ['@mcp-panther/pack-alerts', ['example-mcp-panther-pack', { config: { maxPages } }]],",
        "  policy: { mode, denyTools: ['bulk_*'] },",
        '});',
        '',
      ].join('\n'),
    );
  }, 300_000);

  const pantherEnv = () => ({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: panther.tokens.admin });

  it('is installed without @mcp-panther/core or zod of its own', () => {
    expect(installedPackages(path.join(packsDir, 'node_modules'))).toEqual(['example-mcp-panther-pack']);
  });

  it('loads by package name from the typed config found in that folder', async () => {
    const result = await cli(['tools', '--json'], packsDir, pantherEnv());
    expect(result.stderr).toBe('');
    const listed = JSON.parse(result.stdout) as {
      mode: string;
      sandbox: boolean;
      tools: { pack: string; tool: string; status: string; reason?: string }[];
    };
    expect(listed.mode).toBe('read-write');
    expect(listed.sandbox).toBe(false);
    expect(new Set(listed.tools.map((t) => t.pack))).toEqual(new Set(['alerts', 'example-ioc']));
    const status = Object.fromEntries(listed.tools.map((t) => [t.tool, t.status]));
    expect(status).toMatchObject({
      example_count_recent_alerts: 'enabled',
      example_add_ioc_note: 'enabled',
      update_alert_status: 'enabled',
      bulk_update_alerts: 'hidden',
    });
  });

  it('answers over MCP with what Panther holds', async () => {
    const expected = await countAlerts(168);
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    const client = await connect(packsDir, pantherEnv());
    try {
      const result = await client.callTool({
        name: 'example_count_recent_alerts',
        arguments: { hours: 168 },
      });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({
        hours: 168,
        total,
        by_severity: expected,
        truncated: false,
      });
    } finally {
      await client.close();
    }
  });

  it('names the typed config file when it cannot be read', async () => {
    const brokenDir = path.join(work, 'broken');
    await mkdir(brokenDir);
    const file = path.join(brokenDir, 'mcp-panther.config.ts');
    await writeFile(file, "const mode: string = 'read-write'\nexport default { policy: { mode }\n");
    const result = await cli(['tools'], brokenDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot read the config file ${file}:`);
    expect(result.stderr).toContain('[CONFIG_INVALID]');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  describe("a pack author's start: mcp-panther create-pack", () => {
    let demoDir: string;

    beforeAll(async () => {
      const created = await cli(['create-pack', 'demo'], work);
      expect(created.code, created.stderr).toBe(0);
      demoDir = path.join(work, 'demo');
      // Before the packages are published, core, its client and the sandbox come from their tarballs.
      await npmInstall(
        demoDir,
        [tarball('@mcp-panther/core'), tarball('@mcp-panther/client'), tarball('@mcp-panther/sandbox')],
        userEnv(node),
      );
    }, 600_000);

    const npm = (args: readonly string[], cwd: string) =>
      run('npm', args, { cwd, env: userEnv(node), timeoutMs: 300_000 });

    it('writes a pack whose tests and type check pass as generated', async () => {
      const test = await npm(['test'], demoDir);
      expect(test.code, `${test.stdout}\n${test.stderr}`).toBe(0);
      expect(test.stdout).toMatch(/Tests\s+.*4 passed/);
      const typecheck = await npm(['run', 'typecheck'], demoDir);
      expect(typecheck.code, `${typecheck.stdout}\n${typecheck.stderr}`).toBe(0);
    }, 300_000);

    it('packs (building on the way), installs next to a config and answers', async () => {
      const packedDemo = await npm(
        ['pack', '--silent', '--pack-destination', path.join(work, 'tarballs')],
        demoDir,
      );
      expect(packedDemo.code, packedDemo.stderr).toBe(0);
      const demoTarball = path.join(work, 'tarballs', packedDemo.stdout.trim().split('\n').pop() ?? '');
      expect(existsSync(demoTarball)).toBe(true);
      await npmInstall(packsDir, [demoTarball], userEnv(node));
      // The config docs/writing-a-tool-pack.md shows for this pack (it sets maxAlerts to 5).
      await writeFile(path.join(packsDir, 'demo.config.json'), readPackDoc().config);
      const client = await connect(packsDir, pantherEnv(), ['--config', 'demo.config.json']);
      try {
        expect((await client.listTools()).tools.map((t) => t.name)).toContain('demo_list_recent_alerts');
        const result = await client.callTool({ name: 'demo_list_recent_alerts', arguments: { hours: 168 } });
        expect(result.isError).toBeFalsy();
        const { alerts } = result.structuredContent as { alerts: { id: string }[] };
        const query = new URLSearchParams({
          'created-after': new Date(Date.now() - 168 * 3_600_000).toISOString(),
          type: 'ALERT',
          'sort-dir': 'desc',
          limit: '5',
        });
        const response = await fetch(`${panther.url}/alerts?${query}`, {
          headers: { 'X-API-Key': panther.tokens.admin },
        });
        const newest = (await response.json()) as { results: { id: string }[] };
        expect(alerts).toHaveLength(5);
        expect(alerts.map((a) => a.id)).toEqual(newest.results.map((a) => a.id));
      } finally {
        await client.close();
      }
      const listed = await cli(['tools', '--config', 'demo.config.json'], packsDir, pantherEnv());
      expect(listed.stdout).toMatch(/^demo +demo_list_recent_alerts +read +enabled$/m);
    }, 300_000);
  });
});
