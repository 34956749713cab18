// Builds the pack's MCP Apps view into one self-contained HTML file, as a client's sandbox requires (nothing is
// fetched at run time): web/recent-alerts.ts is bundled by esbuild (with ext-apps' App and core's hidden-text
// escaping) and inlined into web/recent-alerts.html, written to dist/views/recent-alerts.html.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = 'recent-alerts';

const bundled = await build({
  entryPoints: [path.join(root, 'web', `${name}.ts`)],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});
// A script's text ends at the first "</script": escaped, it cannot close the tag early.
const script = bundled.outputFiles[0].text.replaceAll('</script', '<\\/script');
const page = await readFile(path.join(root, 'web', `${name}.html`), 'utf8');
const tag = `<script type="module" src="./${name}.ts"></script>`;
if (!page.includes(tag)) throw new Error(`web/${name}.html has no ${tag}`);
const html = page.replace(tag, () => `<script type="module">${script}</script>`);
if (/<(script|link|img)[^>]+(src|href)=/i.test(html)) throw new Error(`${name}.html still loads a file`);
await mkdir(path.join(root, 'dist', 'views'), { recursive: true });
await writeFile(path.join(root, 'dist', 'views', `${name}.html`), html);
