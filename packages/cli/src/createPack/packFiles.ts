import type { PackNames } from './packNames.js';
import type { TemplateVersions } from './templateVersions.js';
import { VIEW_FILE, viewFiles } from './viewFiles.js';

export interface PackFileOptions {
  /** Also an MCP Apps view linked from the tool: its page in web/, its build script, and a test of the link. */
  readonly view?: boolean;
}

/**
 * The files of a new pack, by path: a package that builds, one read tool that uses the pack's config, a unit
 * test on the fake client, an integration test on the sandbox, and a README; with `view`, a small MCP Apps view
 * of the tool's answer, built into one self-contained HTML file. docs/writing-a-tool-pack.md quotes these files
 * (a test keeps the two the same) and CI installs, tests, builds and loads a generated pack, and builds one with
 * a view.
 */
export function packFiles(
  names: PackNames,
  versions: TemplateVersions,
  options: PackFileOptions = {},
): Record<string, string> {
  const view = options.view === true;
  return {
    'package.json': packageJson(names, versions, view),
    'tsconfig.json': TSCONFIG,
    'tsconfig.build.json': TSCONFIG_BUILD,
    '.gitignore': 'node_modules/\ndist/\n*.tgz\n',
    'README.md': readme(names, view),
    'src/index.ts': indexTs(names, versions),
    [`src/tools/${names.toolFile}.ts`]: toolTs(names, view),
    [`src/tools/${names.toolFile}.test.ts`]: toolTestTs(names),
    'src/index.test.ts': indexTestTs(names, view),
    ...(view ? viewFiles(names) : {}),
  };
}

function packageJson(n: PackNames, v: TemplateVersions, view: boolean): string {
  const viewDevDependencies = view ? { '@modelcontextprotocol/ext-apps': v.extApps } : {};
  const manifest = {
    name: n.packageName,
    version: '0.1.0',
    description: `mcp-panther tool pack: ${n.title}.`,
    keywords: ['mcp-panther-pack'],
    type: 'module',
    engines: { node: '>=20.19' },
    files: ['dist'],
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    scripts: view
      ? {
          build: 'tsc -p tsconfig.build.json && node scripts/build-view.mjs',
          typecheck: 'tsc -p tsconfig.json && tsc -p web/tsconfig.json',
          pretest: 'node scripts/build-view.mjs',
          test: 'vitest run',
          prepack: 'npm run build',
        }
      : {
          build: 'tsc -p tsconfig.build.json',
          typecheck: 'tsc -p tsconfig.json',
          test: 'vitest run',
          prepack: 'npm run build',
        },
    peerDependencies: { 'mcp-panther': v.host },
    peerDependenciesMeta: { 'mcp-panther': { optional: true } },
    devDependencies: {
      ...viewDevDependencies,
      '@types/node': v.typesNode,
      ...(view ? { esbuild: v.esbuild } : {}),
      'mcp-panther': v.host,
      typescript: v.typescript,
      vitest: v.vitest,
    },
  };
  // Formatted as Biome and Prettier format JSON: a short array of strings on one line.
  const json = JSON.stringify(manifest, null, 2).replace(/\[\n\s+("[^"\n]*")\n\s+\]/g, '[$1]');
  return `${json}\n`;
}

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2023",
    "lib": ["ES2023"],
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "types": ["node"],
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true,
    "verbatimModuleSyntax": true,
    "isolatedModules": true,
    "skipLibCheck": true,
    "declaration": true,
    "rootDir": "src",
    "outDir": "dist",
    "noEmit": true
  },
  "include": ["src"]
}
`;

const TSCONFIG_BUILD = `{
  "extends": "./tsconfig.json",
  "compilerOptions": { "noEmit": false },
  "exclude": ["src/**/*.test.ts"]
}
`;

function indexTs(n: PackNames, v: TemplateVersions): string {
  return `import { definePack, z } from 'mcp-panther/pack';
import { ${n.toolConst} } from './tools/${n.toolFile}.js';

/**
 * The ${n.id} pack. mcp-panther loads it when a config file names it: \`"packs": ["${n.packageName}"]\`.
 * Its config (\`["${n.packageName}", { "config": { "maxAlerts": 5 } }]\`) is checked by \`configSchema\`, and each
 * tool receives the result as \`context.config\`.
 */
export const ${n.packConst} = definePack({
  id: '${n.id}',
  title: '${n.title}',
  description: 'Recent Panther alerts: an example pack to grow from.',
  coreRange: '${v.core}',
  configSchema: z
    .object({ maxAlerts: z.int().min(1).max(50).default(10).describe('Most alerts one call returns') })
    .default({ maxAlerts: 10 }),
  tools: [${n.toolConst}],
});

export default ${n.packConst};
`;
}

function toolTs(n: PackNames, view: boolean): string {
  return `import { cursorOf, cursorParam, defineTool, pagedResult, pick, type RestPage, z } from 'mcp-panther/pack';
${view ? `import { recentAlertsView } from '../views/${VIEW_FILE}.js';\n` : ''}
/** The pack's config, as its \`configSchema\` (src/index.ts) makes it. */
interface PackConfig {
  maxAlerts: number;
}

/** Lists the newest alerts of the last N hours through Panther's REST API, a page at a time. */
export const ${n.toolConst} = defineTool({
  name: '${n.toolName}',
  title: 'List recent alerts',
  description:
    'List the alerts created in the last N hours, newest first (id, title, severity, creation time). ' +
    'Use it for a quick look before reading one alert in full.',
  access: 'read',
  permissions: ['AlertRead'],
${view ? '  view: recentAlertsView,\n' : ''}  input: z.object({
    hours: z.int().min(1).max(168).default(24).describe('How far back to look, in hours (at most a week)'),
    cursor: cursorParam().optional().describe('next_cursor from the previous page'),
  }),
  async handler({ hours, cursor }, { client, config, signal }) {
    const { maxAlerts } = config as PackConfig;
    const page = await client.rest<RestPage>({
      method: 'GET',
      path: '/alerts',
      query: {
        'created-after': new Date(Date.now() - hours * 3_600_000).toISOString(),
        type: 'ALERT',
        'sort-dir': 'desc',
        limit: maxAlerts,
        cursor: cursorOf(cursor),
      },
      cacheKind: 'alerts',
      signal,
    });
    const alerts = (page.results ?? []).map((alert) => pick(alert, ['id', 'title', 'severity', 'createdAt']));
    return pagedResult('alerts', alerts, page.next, { tool: '${n.toolName}' });
  },
});
`;
}

function toolTestTs(n: PackNames): string {
  return `import { createFakeClient, runTool } from 'mcp-panther/testing';
import { describe, expect, it } from 'vitest';
import { ${n.toolConst} } from './${n.toolFile}.js';

// The tool alone, on a fake client: what it asks Panther, and what it makes of the answer.

describe('${n.toolName}', () => {
  it('asks for at most maxAlerts alerts of the last N hours, newest first, and hands on the cursor', async () => {
    const alert = {
      id: 'a1',
      title: 'Console login without MFA',
      severity: 'HIGH',
      createdAt: '2026-01-05T10:00:00Z',
      description: 'left out of the result',
    };
    const fake = createFakeClient(() => ({ results: [alert], next: 'cursor-2' }));
    const options = { client: fake.client, config: { maxAlerts: 5 } };

    const first = await runTool(${n.toolConst}, { hours: 6 }, options);
    expect(first).toMatchObject({
      alerts: [
        { id: 'a1', title: 'Console login without MFA', severity: 'HIGH', createdAt: '2026-01-05T10:00:00Z' },
      ],
      next_cursor: 'cursor-2',
    });
    await runTool(${n.toolConst}, { hours: 6, cursor: 'cursor-2' }, options);

    const [request, next] = fake.restCalls();
    expect(request?.path).toBe('/alerts');
    expect(request?.query).toMatchObject({ type: 'ALERT', 'sort-dir': 'desc', limit: 5 });
    expect(request?.query?.['cursor']).toBeUndefined();
    expect(next?.query?.['cursor']).toBe('cursor-2');
  });

  it('refuses to look back more than a week', async () => {
    const fake = createFakeClient();
    await expect(
      runTool(${n.toolConst}, { hours: 169 }, { client: fake.client, config: { maxAlerts: 5 } }),
    ).rejects.toThrow();
    expect(fake.calls).toEqual([]);
  });
});
`;
}

/** The generated integration test's check of the view, for a client that renders MCP Apps. */
function viewTest(n: PackNames, packConfig: string): string {
  return `
  it('links its view for a client that renders MCP Apps, and serves it as one self-contained page', async () => {
    // The host above declares no MCP Apps: it gets no link, as any client without the extension.
    expect(await host.viewOf('${n.toolName}')).toBeUndefined();
    const apps = await createTestHost({
      packs: [${n.packConst}],
      panther: { url: panther.url, token: panther.tokens.analyst },
      packConfig: ${packConfig},
      views: true,
    });
    try {
      const uri = await apps.viewOf('${n.toolName}');
      expect(uri).toBe('ui://${n.id}/${VIEW_FILE}');
      const page = await apps.readView(uri ?? '');
      expect(page.mimeType).toBe('text/html;profile=mcp-app');
      // One file: the script is inlined, nothing is loaded by URL (the client's sandbox would refuse it).
      expect(page.text).toContain('<script type="module">');
      expect(page.text).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
      // The view may read the next page: this caller may call the tool.
      const result = await apps.call('${n.toolName}', { hours: 168 });
      expect(result._meta?.['mcp-panther/callable']).toEqual(['${n.toolName}']);
    } finally {
      await apps.close();
    }
  });
`;
}

function indexTestTs(n: PackNames, view = false): string {
  const packConfig = `{ ${/^[a-z][a-z0-9]*$/.test(n.id) ? n.id : `'${n.id}'`}: { maxAlerts: 3 } }`;
  return `import {
  assertPackConventions,
  createTestHost,
  type PackTestHost,
  type Sandbox,
  startSandbox,
} from 'mcp-panther/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ${n.packConst} } from './index.js';

// The pack in the real host, against the sandbox: a local Panther API with generated data.

let panther: Sandbox;
let host: PackTestHost;
beforeAll(async () => {
  panther = await startSandbox({ events: 2_000, seed: 1 });
  host = await createTestHost({
    packs: [${n.packConst}],
    panther: { url: panther.url, token: panther.tokens.analyst },
    packConfig: ${packConfig},
  });
}, 120_000);
afterAll(async () => {
  await host?.close();
  await panther?.close();
});

describe('${n.id} pack', () => {
  it('follows the pack conventions', () => {
    expect(() =>
      assertPackConventions(${n.packConst}, { toolsDir: new URL('./tools/', import.meta.url) }),
    ).not.toThrow();
  });

  it('serves every read tool to a read-only analyst', async () => {
    // Write tools are served in read-write mode only; a token without a tool's permissions does not see it.
    const reads = ${n.packConst}.tools.filter((tool) => tool.access === 'read').map((tool) => tool.name);
    expect(await host.tools()).toEqual(expect.arrayContaining(reads));
  });

  it('lists the newest alerts, as Panther returns them', async () => {
    const result = await host.call('${n.toolName}', { hours: 168 });
    expect(result.isError).toBeFalsy();
    const { alerts } = result.structuredContent as { alerts: { id: string }[] };

    // The same question, asked of the sandbox's REST API directly.
    const url = new URL('/alerts', panther.url);
    url.searchParams.set('created-after', new Date(Date.now() - 168 * 3_600_000).toISOString());
    url.searchParams.set('type', 'ALERT');
    url.searchParams.set('sort-dir', 'desc');
    url.searchParams.set('limit', '3');
    const response = await fetch(url, { headers: { 'X-API-Key': panther.tokens.analyst } });
    const expected = (await response.json()) as { results: { id: string }[] };
    expect(expected.results.length).toBe(3);
    expect(alerts.map((alert) => alert.id)).toEqual(expected.results.map((alert) => alert.id));
  });
${view ? viewTest(n, packConfig) : ''}});
`;
}

const VIEW_README = `
## The view

Clients that render [MCP Apps](https://modelcontextprotocol.io/docs/extensions/apps) show the tool's answer as a
table, with a button that reads the next page through the client. The page is \`web/${VIEW_FILE}.html\` and
\`web/${VIEW_FILE}.ts\` (\`App\` from \`@modelcontextprotocol/ext-apps\` talks to the client; \`mcp-panther/view\`
shows hidden characters as \`[U+XXXX]\`); \`scripts/build-view.mjs\` bundles them with esbuild into one
self-contained file, \`dist/views/${VIEW_FILE}.html\` (\`npm test\` and \`npm run build\` run it), which
\`src/views/${VIEW_FILE}.ts\` serves. Put values into the page as text, never as HTML.
`;

function readme(n: PackNames, view = false): string {
  return `# ${n.packageName}

An [mcp-panther](https://www.npmjs.com/package/mcp-panther) tool pack (id \`${n.id}\`). Its one tool,
\`${n.toolName}\`, lists the newest alerts of the last N hours (it needs the \`AlertRead\` permission)${view ? ', and links a view of them' : ''}.

## Develop

\`\`\`sh
npm install         # until mcp-panther is on npm: npm install --no-save "$(npm root -g)/mcp-panther"
npm test            # the tool on a fake client, and the pack in the real host against the sandbox
npm run typecheck
npm run build       # dist/, what the package ships
\`\`\`

Its one dependency is \`mcp-panther\` (a dev and optional peer dependency): the pack API and \`z\` come from
\`mcp-panther/pack\`, the test kit and the sandbox from \`mcp-panther/testing\`. Add a tool: one file per tool
in \`src/tools/\`, named after the tool in kebab-case, listed in \`src/index.ts\`. The host's rules are in
mcp-panther's \`docs/writing-a-tool-pack.md\`.
${view ? VIEW_README : ''}
## Use

\`npm pack\` writes \`${n.packageName}-<version>.tgz\`. Install that (or, once published,
\`npm install ${n.packageName}\`) next to your mcp-panther config file and name the pack there:

\`\`\`json
{ "packs": ["@mcp-panther/pack-alerts", ["${n.packageName}", { "config": { "maxAlerts": 5 } }]] }
\`\`\`

The host gives the pack its own \`mcp-panther/pack\`, so the install brings the pack alone.
`;
}
