// Builds each view (web/<name>/index.html) into one self-contained HTML file with Vite: scripts and styles inlined,
// nothing fetched at run time. Writes dist/html/<name>.html, and dist/html/<name>.js exporting it as a string for
// the packs (imported on first read of the view). Skips the work when no source is newer than the outputs.
import { readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const out = path.join(root, 'dist', 'html');
/** The views a pack can link, and the test host page (not published). */
export const VIEWS = ['alerts', 'query', 'detection', 'metrics'];
const PAGES = [
  ...VIEWS.map((name) => ({ name, dir: out })),
  { name: 'testhost', dir: path.join(root, 'dist', 'testhost') },
];

function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }
  return time;
}

function upToDate() {
  const sources = Math.max(
    newest(web),
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
    statSync(path.join(root, 'package.json')).mtimeMs,
  );
  try {
    return PAGES.every(({ name, dir }) => statSync(path.join(dir, `${name}.html`)).mtimeMs > sources);
  } catch {
    return false;
  }
}

/** Inlines the entry chunk and the stylesheet into the HTML page and drops them from the output. */
function inlineEverything() {
  return {
    name: 'mcp-panther-inline',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = Object.values(bundle).find((file) => file.fileName.endsWith('.html'));
      let html = page.source;
      for (const [fileName, file] of Object.entries(bundle)) {
        if (file.type === 'chunk') {
          const code = file.code.replaceAll('</script', '<\\/script');
          if (code.includes('<!--'))
            throw new Error(`${fileName} contains "<!--", which cannot be inlined in a script`);
          const tag = new RegExp(
            `<script type="module" crossorigin src="[^"]*${fileName.split('/').pop()}"></script>`,
          );
          if (!tag.test(html)) throw new Error(`no script tag for ${fileName} in ${page.fileName}`);
          html = html.replace(tag, () => `<script type="module">${code}</script>`);
          delete bundle[fileName];
        } else if (fileName.endsWith('.css')) {
          const tag = new RegExp(
            `<link rel="stylesheet" crossorigin href="[^"]*${fileName.split('/').pop()}">`,
          );
          html = html.replace(
            tag,
            () => `<style>${String(file.source).replaceAll('</style', '<\\/style')}</style>`,
          );
          delete bundle[fileName];
        }
      }
      if (/\s(src|href)=/.test(html.replace(/<script type="module">[\s\S]*?<\/script>/g, ''))) {
        throw new Error(`${page.fileName} still refers to a file`);
      }
      page.source = html;
    },
  };
}

async function buildPage({ name, dir }) {
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    root: path.join(web, name),
    base: './',
    logLevel: 'warn',
    plugins: [inlineEverything()],
    build: {
      write: false,
      target: 'es2022',
      cssCodeSplit: false,
      modulePreload: false,
      assetsInlineLimit: Number.MAX_SAFE_INTEGER,
      reportCompressedSize: false,
      rollupOptions: {
        output: { inlineDynamicImports: true },
        // zod's sources carry comments Rollup cannot place; they change nothing in the output.
        onwarn: (warning, warn) => warning.code === 'INVALID_ANNOTATION' || warn(warning),
      },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result).output;
  const html = output.find((file) => file.fileName.endsWith('.html')).source;
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.html`), html);
  if (dir === out) {
    await writeFile(path.join(dir, `${name}.js`), `export default ${JSON.stringify(html)};\n`);
    await writeFile(path.join(dir, `${name}.d.ts`), 'declare const html: string;\nexport default html;\n');
  }
  return { name, bytes: Buffer.byteLength(html), gzipped: gzipSync(html, { level: 9 }).length };
}

if (process.argv.includes('--force') || !upToDate()) {
  const started = Date.now();
  const sizes = [];
  sizes.push(...(await Promise.all(PAGES.map(buildPage))));
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write(
    `views built in ${Date.now() - started} ms: ${sizes.map((s) => `${s.name} ${kb(s.bytes)} (${kb(s.gzipped)} gzipped)`).join(', ')}\n`,
  );
}
