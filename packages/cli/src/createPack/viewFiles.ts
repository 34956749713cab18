import type { PackNames } from './packNames.js';

/** The view's file stem, in src/views, web/ and dist/views. */
export const VIEW_FILE = 'recent-alerts';

/**
 * The files of a new pack's MCP Apps view (`create-pack --view`), by path: the view the tool links, its page
 * (HTML and the script that talks to the client), the page's type check, and the script that builds the page
 * into one self-contained HTML file. They follow examples/third-party-pack's view.
 */
export function viewFiles(n: PackNames): Record<string, string> {
  return {
    [`src/views/${VIEW_FILE}.ts`]: viewTs(n),
    [`web/${VIEW_FILE}.html`]: VIEW_HTML,
    [`web/${VIEW_FILE}.ts`]: pageTs(n),
    'web/tsconfig.json': WEB_TSCONFIG,
    'scripts/build-view.mjs': BUILD_VIEW,
  };
}

function viewTs(n: PackNames): string {
  return `import { readFile } from 'node:fs/promises';
import { defineView } from 'mcp-panther/pack';

/**
 * The view the tool links (\`view: recentAlertsView\`): the alerts as a table, and the next page read through the
 * client. Its page is built by scripts/build-view.mjs into dist/views/ and read on first use; the URL climbs to
 * the package folder, so it finds the file from src/views (tests) and dist/views (the built pack) alike.
 */
export const recentAlertsView = defineView({
  uri: 'ui://${n.id}/${VIEW_FILE}', // unique across packs
  title: 'Recent alerts',
  description: 'The recent alerts as a table, with the next page read on request.',
  calls: ['${n.toolName}'], // tools the page calls; each caller's results say which it may
  html: () => readFile(new URL('../../dist/views/${VIEW_FILE}.html', import.meta.url), 'utf8'),
});
`;
}

const VIEW_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Recent alerts</title>
    <style>
      /* The client's theme (MCP Apps style variables), with fallbacks that meet WCAG AA contrast. */
      :root {
        color-scheme: light dark;
        --bg: var(--color-background-primary, #ffffff);
        --fg: var(--color-text-primary, #111827);
        --fg-2: var(--color-text-secondary, #4b5563);
        --border: var(--color-border-primary, #d1d5db);
        --ring: var(--color-ring-primary, #2563eb);
      }
      body {
        margin: 0;
        padding: 12px;
        background: var(--bg);
        color: var(--fg);
        font: 14px / 1.45 var(--font-sans, system-ui, sans-serif);
      }
      h1 {
        font-size: 16px;
        margin: 0 0 8px;
      }
      .muted {
        color: var(--fg-2);
      }
      table {
        border-collapse: collapse;
      }
      caption {
        text-align: left;
      }
      th,
      td {
        text-align: left;
        padding: 4px 8px;
        border-bottom: 1px solid var(--border);
      }
      button {
        font: inherit;
        color: var(--fg);
        background: var(--bg);
        border: 1px solid var(--border);
        border-radius: 6px;
        padding: 4px 10px;
        margin-top: 8px;
        cursor: pointer;
      }
      button:focus-visible {
        outline: 2px solid var(--ring);
        outline-offset: 2px;
      }
    </style>
  </head>
  <body>
    <main>
      <h1>Recent alerts</h1>
      <table>
        <caption id="summary" class="muted">Waiting for the alerts…</caption>
        <thead>
          <tr><th scope="col">Title</th><th scope="col">Severity</th><th scope="col">Created</th><th scope="col">Id</th></tr>
        </thead>
        <tbody id="rows"></tbody>
      </table>
      <button id="more" type="button" hidden>More alerts</button>
      <p id="status" class="muted" role="status" aria-live="polite"></p>
    </main>
    <script type="module" src="./${VIEW_FILE}.ts"></script>
  </body>
</html>
`;

function pageTs(n: PackNames): string {
  return `import {
  App,
  applyDocumentTheme,
  applyHostStyleVariables,
  type McpUiHostContext,
} from '@modelcontextprotocol/ext-apps/app-with-deps';
import { CALLABLE_META_KEY, shownText } from 'mcp-panther/view';

/**
 * The page of the view: the alerts ${n.toolName} returned, as a table, and a button that reads the next page.
 * That read is a tool call the page asks the client to make, so the policy, the caller's profile and the audit
 * apply as to any call. Every value from Panther goes into the page as text, never as HTML, and through
 * \`shownText\`, so hidden characters show as [U+XXXX].
 */

const TOOL = '${n.toolName}';

interface Alert {
  readonly id?: unknown;
  readonly title?: unknown;
  readonly severity?: unknown;
  readonly createdAt?: unknown;
}
type ToolResult = Awaited<ReturnType<App['callServerTool']>>;

const app = new App({ name: '${n.packageName}', version: '0.1.0' }, {}, { autoResize: true });
let hours: unknown = 24;
let cursor: string | undefined;
let callable = false;

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error('the page has no #' + id);
  return element;
}

function status(message: string): void {
  byId('status').textContent = shownText(message);
}

/** A table cell holding a value as text: the one way values enter the page. */
function cell(tag: 'th' | 'td', value: unknown): HTMLTableCellElement {
  const element = document.createElement(tag);
  element.textContent = shownText(typeof value === 'string' ? value : '');
  return element;
}

/** Shows a page of alerts (after those shown when \`append\`), and the button while there is a next page. */
function showPage(result: ToolResult, append: boolean): void {
  if (result.isError) {
    const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\\n');
    return status(text || 'The tool failed without a message.');
  }
  const page = result.structuredContent as { alerts?: unknown; next_cursor?: unknown } | undefined;
  if (!Array.isArray(page?.alerts)) return status('The tool returned no alerts to show.');
  const rows = (page.alerts as Alert[]).map((alert) => {
    const row = document.createElement('tr');
    const title = cell('th', alert.title);
    title.scope = 'row';
    row.append(title, cell('td', alert.severity), cell('td', alert.createdAt), cell('td', alert.id));
    return row;
  });
  if (append) byId('rows').append(...rows);
  else byId('rows').replaceChildren(...rows);
  cursor = typeof page.next_cursor === 'string' ? page.next_cursor : undefined;
  const shown = byId('rows').childElementCount;
  byId('summary').textContent = shown + ' alerts' + (cursor ? ', more to read' : '');
  byId('more').hidden = !(callable && cursor);
  status('');
}

async function readMore(): Promise<void> {
  status('Reading the next page…');
  try {
    showPage(await app.callServerTool({ name: TOOL, arguments: { hours, cursor } }), true);
  } catch (error) {
    status(error instanceof Error ? error.message : String(error));
  }
}

function applyContext(context: McpUiHostContext | undefined): void {
  if (context?.theme) applyDocumentTheme(context.theme);
  if (context?.styles?.variables) applyHostStyleVariables(context.styles.variables);
}

byId('more').addEventListener('click', () => void readMore());
app.ontoolinput = ({ arguments: args }) => {
  hours = args?.['hours'] ?? 24;
};
app.ontoolresult = (result) => {
  // The host names the tools this caller's view may call: no button for a call the caller may not make.
  const names = result._meta?.[CALLABLE_META_KEY];
  callable = Array.isArray(names) && names.includes(TOOL);
  showPage(result, false);
};
app.onhostcontextchanged = applyContext;
app.onteardown = async () => ({});
void app.connect().then(() => applyContext(app.getHostContext()));
`;
}

const WEB_TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023", "DOM", "DOM.Iterable"],
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "types": [],
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true,
    "verbatimModuleSyntax": true,
    "isolatedModules": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["*.ts"]
}
`;

const BUILD_VIEW = `// Builds the view's page into one self-contained HTML file, as a client's sandbox requires (it lets the page load
// nothing): web/${VIEW_FILE}.ts is bundled by esbuild (with ext-apps' App and mcp-panther/view) and inlined into
// web/${VIEW_FILE}.html, written to dist/views/${VIEW_FILE}.html. The licences of the npm packages bundled into the
// page go beside it, in dist/views/THIRD-PARTY-NOTICES.md, and a comment in the page names them.
// \`npm test\` and \`npm run build\` run it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const name = '${VIEW_FILE}';
const web = (file) => fileURLToPath(new URL(\`../web/\${file}\`, import.meta.url));

const bundled = await build({
  entryPoints: [web(\`\${name}.ts\`)],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  metafile: true,
  write: false,
  logLevel: 'warning',
});

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The folder of an npm package as Node looks it up from \`from\`: node_modules/<name> there or in a folder above. */
function packageDir(pkg, from) {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const found = path.join(dir, 'node_modules', pkg);
    if (existsSync(path.join(found, 'package.json'))) return found;
  }
  throw new Error(\`\${pkg} is not installed (needed by \${from})\`);
}

/**
 * The npm packages whose code esbuild put into the page (its inputs), with their licences. A package's prebuilt
 * \`…-with-deps\` file (ext-apps' \`app-with-deps\`) has its required peer dependencies inside it (the MCP SDK and
 * zod), so those count as bundled too.
 */
function bundledPackages(inputs) {
  const dirs = new Set();
  for (const input of Object.keys(inputs)) {
    const dir = /^(.*node_modules\\/(?:@[^/]+\\/)?[^/]+)\\//.exec(path.resolve(input))?.[1];
    if (!dir) continue;
    dirs.add(dir);
    if (!/-with-deps\\.[cm]?js$/.test(input)) continue;
    const { peerDependencies = {}, peerDependenciesMeta = {} } = readJson(path.join(dir, 'package.json'));
    for (const peer of Object.keys(peerDependencies))
      if (!peerDependenciesMeta[peer]?.optional) dirs.add(packageDir(peer, dir));
  }
  const packages = new Map();
  for (const dir of dirs) {
    const manifest = readJson(path.join(dir, 'package.json'));
    const id = \`\${manifest.name}@\${manifest.version}\`;
    const texts = readdirSync(dir)
      .filter((file) => /^(licen[cs]e|copying|notice)/i.test(file))
      .map((file) => readFileSync(path.join(dir, file), 'utf8').trim());
    packages.set(id, { id, license: manifest.license ?? 'see package', texts });
  }
  return [...packages.values()].sort((a, b) => a.id.localeCompare(b.id));
}
const packages = bundledPackages(bundled.metafile.inputs);
const notices = packages.map((p) => \`## \${p.id} (\${p.license})\\n\\n\${p.texts.join('\\n\\n') || '(no licence file)'}\\n\`);

// A script's text ends at the first "</script": escaped, it cannot close the tag early.
const script = bundled.outputFiles[0].text.replaceAll('</script', '<\\\\/script');
const page = await readFile(web(\`\${name}.html\`), 'utf8');
const tag = \`<script type="module" src="./\${name}.ts"></script>\`;
if (!page.includes(tag)) throw new Error(\`web/\${name}.html has no \${tag}\`);
const listed = packages.map((p) => \`\${p.id} (\${p.license})\`).join(', ');
const comment = \`<!-- Bundled third-party code: \${listed}. Licences: THIRD-PARTY-NOTICES.md beside this file. -->\`;
const html = page
  .replace(/^<!doctype html>\\n/i, (doctype) => \`\${doctype}\${comment}\\n\`)
  .replace(tag, () => \`<script type="module">\${script}</script>\`);
if (/<(script|link|img)[^>]+(src|href)=/i.test(html)) throw new Error(\`\${name}.html still loads a file\`);
const out = new URL('../dist/views/', import.meta.url);
await mkdir(out, { recursive: true });
await writeFile(new URL(\`\${name}.html\`, out), html);
await writeFile(
  new URL('THIRD-PARTY-NOTICES.md', out),
  \`# Third-party notices\\n\\n\${name}.html inlines the code of these npm packages.\\n\\n\${notices.join('\\n')}\`,
);
`;
