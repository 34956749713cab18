import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
import { applyIndexEdit, readPackDoc } from './testdata/packDoc.js';
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
let globalDir: string;
/** The folder whose node_modules holds the installed command (the global one). */
let appDir: string;
let bin: string;
let panther: Sandbox;

const cli = (args: readonly string[], cwd: string, extra: Record<string, string> = {}): Promise<RunResult> =>
  run(bin, args, { cwd, env: userEnv(node, extra), timeoutMs: 60_000 });

/** A user's environment with npm's global folder in `globalDir` and its bin folder on PATH. */
const globalEnv = (extra: Record<string, string> = {}): Record<string, string> => {
  const env = userEnv(node, extra);
  return {
    ...env,
    npm_config_prefix: globalDir,
    PATH: [path.join(globalDir, 'bin'), env['PATH'] ?? ''].join(path.delimiter),
  };
};

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

/** Whether `file` (as packed, no `./`) is what an export target names; a `*` in a subpath pattern stands for any run of characters. */
const matchesExportTarget = (target: string, file: string): boolean => {
  const pattern = target
    .replace(/^\.\//, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`).test(file);
};

/** The manifest inside a tarball, as the registry would serve it. */
const packedManifest = (file: string): Manifest =>
  JSON.parse(execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' })) as Manifest;

/** An SDK client over stdio to the installed command, started in `cwd`. */
async function connect(
  cwd: string,
  extra: Record<string, string> = {},
  args: string[] = [],
): Promise<Client> {
  return (await connectStdio(args, userEnv(node, extra), { installed: { command: bin, cwd } })).client;
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

  // As the README's "Install" says: `npm install -g ./mcp-panther-*.tgz`, into a global folder of this test's own.
  globalDir = path.join(work, 'global');
  const installed = await run(
    'npm',
    ['install', '-g', '--no-audit', '--no-fund', '--loglevel=error', tarball('mcp-panther')],
    { cwd: work, env: globalEnv(), timeoutMs: 300_000 },
  );
  if (installed.code !== 0)
    throw new Error(`npm install -g failed:\n${installed.stdout}\n${installed.stderr}`);
  appDir = path.join(globalDir, 'lib');
  bin = path.join(globalDir, 'bin', 'mcp-panther');
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
        // A subpath pattern (`./dist/html/*.js`) must match at least one shipped file.
        const shipped = pkg.files.filter((file) => matchesExportTarget(target, file));
        expect(shipped, `${pkg.name} exports ${target}`).not.toEqual([]);
      }
      for (const target of Object.values(manifest.bin ?? {})) {
        expect(pkg.files, `${pkg.name} bin ${target}`).toContain(target.replace(/^\.\//, ''));
      }
      expect(JSON.stringify(manifest.exports), pkg.name).not.toContain('"source"');
    }
  });

  it('ship the third-party notices of what they bundle: the command’s cover the packages its views inline', () => {
    const cliTarball = packed.get('mcp-panther');
    const viewsTarball = packed.get('@mcp-panther/views');
    expect(cliTarball?.files).toContain('bundle/THIRD-PARTY-NOTICES.md');
    expect(viewsTarball?.files).toContain('dist/THIRD-PARTY-NOTICES.md');
    const read = (tarballFile: string, file: string) =>
      execFileSync('tar', ['-xzOf', tarballFile, `package/${file}`], { encoding: 'utf8' });
    const notices = read(tarball('mcp-panther'), 'bundle/THIRD-PARTY-NOTICES.md');
    const views = viewsTarball?.files.filter((f) => /^dist\/html\/[\w-]+\.html$/.test(f)) ?? [];
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) {
      // Each page names what it inlines; the command that serves it ships their licences.
      const comment = /<!-- Bundled third-party code: ([^\n]*?)\. Licences: /.exec(
        read(tarball('@mcp-panther/views'), view),
      );
      expect(comment, view).not.toBeNull();
      for (const entry of (comment?.[1] ?? '').split(', ')) {
        const [nameVersion, licence] = entry.split(' (');
        expect(notices, `${view}: ${entry}`).toContain(`\n## ${nameVersion} (${licence}`);
      }
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
  }, 120_000);

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
  }, 120_000);
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
});

describe("a pack author's first hour, as docs/writing-a-tool-pack.md says", () => {
  const doc = readPackDoc();
  let authorDir: string;
  let demoDir: string;
  let myMcp: string;
  /** A block of the page run as the author types it, in one shell, from `cwd`. */
  const sh = (step: string, cwd: string) => {
    const script = doc.shell[step];
    if (script === undefined) throw new Error(`docs/writing-a-tool-pack.md has no "${step}" step`);
    return run('sh', ['-e', '-c', script], { cwd, env: globalEnv(), timeoutMs: 600_000 });
  };
  const pantherEnv = () => ({ PANTHER_INSTANCE_URL: panther.url, PANTHER_API_TOKEN: panther.tokens.admin });

  beforeAll(async () => {
    authorDir = path.join(work, 'author');
    await mkdir(authorDir);
    demoDir = path.join(authorDir, 'demo');
    myMcp = path.join(authorDir, 'my-mcp');
  });

  it('creates the pack, installs its one dependency without saving it, and passes its tests', async () => {
    const started = await sh('start', authorDir);
    expect(started.code, `${started.stdout}\n${started.stderr}`).toBe(0);
    // create-pack prints the same first install, with the path `npm root -g` names.
    expect(started.stdout).toContain(
      `npm install --no-save ${path.join(globalDir, 'lib', 'node_modules', 'mcp-panther')}`,
    );
    expect(started.stdout).toMatch(/Tests\s+.*\d+ passed/);
    const manifest = await readFile(path.join(demoDir, 'package.json'), 'utf8');
    expect(manifest).toBe(doc.files['package.json']);
    // The installed command, linked: the pack's package.json names the version npm will fetch once published.
    const linked = path.join(demoDir, 'node_modules', 'mcp-panther');
    expect(lstatSync(linked).isSymbolicLink()).toBe(true);
    expect(realpathSync(linked)).toBe(
      realpathSync(path.join(globalDir, 'lib', 'node_modules', 'mcp-panther')),
    );
  }, 600_000);

  it('adds the second tool the page shows; the tests, type check and pack pass unchanged', async () => {
    const [toolFile, toolSource] = Object.entries(doc.addTool).find(([file]) =>
      file.startsWith('src/tools/'),
    )!;
    await writeFile(path.join(demoDir, toolFile), toolSource);
    const index = path.join(demoDir, 'src', 'index.ts');
    await writeFile(index, applyIndexEdit(await readFile(index, 'utf8'), doc.addTool['src/index.ts'] ?? ''));
    const packed = await sh('test and pack', demoDir);
    expect(packed.code, `${packed.stdout}\n${packed.stderr}`).toBe(0);
    expect(existsSync(path.join(demoDir, 'mcp-panther-pack-demo-0.1.0.tgz'))).toBe(true);
    const typecheck = await run('npm', ['run', 'typecheck'], {
      cwd: demoDir,
      env: globalEnv(),
      timeoutMs: 300_000,
    });
    expect(typecheck.code, `${typecheck.stdout}\n${typecheck.stderr}`).toBe(0);
  }, 600_000);

  it('installs beside a config with nothing but the pack, and the installed command calls both tools', async () => {
    const installed = await sh('install', demoDir);
    expect(installed.code, `${installed.stdout}\n${installed.stderr}`).toBe(0);
    await writeFile(path.join(myMcp, 'mcp-panther.config.json'), doc.config);
    // At most 5 packages besides the pack; this pack has no runtime dependency of its own, so none.
    const packages = installedPackages(path.join(myMcp, 'node_modules'));
    expect(packages).toEqual(['mcp-panther-pack-demo']);

    const listed = await run('mcp-panther', ['tools'], {
      cwd: myMcp,
      env: globalEnv(pantherEnv()),
      timeoutMs: 60_000,
    });
    expect(listed.stdout).toMatch(/^demo +demo_list_recent_alerts +read +enabled$/m);
    expect(listed.stdout).toMatch(/^demo +demo_get_alert +read +enabled$/m);

    const client = await connect(myMcp, pantherEnv());
    try {
      const list = await client.callTool({ name: 'demo_list_recent_alerts', arguments: { hours: 168 } });
      expect(list.isError, JSON.stringify(list.content)).toBeFalsy();
      const { alerts } = list.structuredContent as { alerts: { id: string; title: string }[] };
      expect(alerts).toHaveLength(5);
      const one = await client.callTool({ name: 'demo_get_alert', arguments: { alert_id: alerts[0]!.id } });
      expect(one.isError, JSON.stringify(one.content)).toBeFalsy();
      expect((one.structuredContent as { alert: { id: string; title: string } }).alert).toMatchObject({
        id: alerts[0]!.id,
        title: alerts[0]!.title,
      });
    } finally {
      await client.close();
    }
  }, 300_000);

  it('creates a pack with a view (--view): its tests and type check pass, its build writes the page as one file', async () => {
    const made = await sh('view', authorDir);
    expect(made.code, `${made.stdout}\n${made.stderr}`).toBe(0);
    const boardDir = path.join(authorDir, 'demo-board');
    // Every generated test ran, the view's among them.
    const tests = ['src/index.test.ts', 'src/tools/demo-board-list-recent-alerts.test.ts'];
    const count = (await Promise.all(tests.map((file) => readFile(path.join(boardDir, file), 'utf8'))))
      .map((text) => text.match(/^ {2}it\(/gm)?.length ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(await readFile(path.join(boardDir, tests[0]!), 'utf8')).toContain('views: true');
    expect(made.stdout).toMatch(new RegExp(`Tests\\s+.*\\D${count} passed`));
    const html = await readFile(path.join(boardDir, 'dist', 'views', 'recent-alerts.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<script type="module">');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    // The page names the npm packages it inlines (mcp-panther/view's among them); their licences are beside it.
    const named = /<!-- Bundled third-party code: ([^\n]*?)\. Licences: /.exec(html)?.[1]?.split(', ') ?? [];
    expect(named.some((entry) => entry.startsWith('mcp-panther@'))).toBe(true);
    const notices = await readFile(path.join(boardDir, 'dist', 'views', 'THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const entry of named) expect(notices).toContain(`\n## ${entry}\n`);
    const typecheck = await run('npm', ['run', 'typecheck'], {
      cwd: boardDir,
      env: globalEnv(),
      timeoutMs: 300_000,
    });
    expect(typecheck.code, `${typecheck.stdout}\n${typecheck.stderr}`).toBe(0);
  }, 600_000);
});
