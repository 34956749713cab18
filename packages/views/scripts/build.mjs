// Builds each view (web/<name>/index.html) into one self-contained HTML file with Vite: scripts and styles inlined,
// nothing fetched at run time. Writes dist/html/<name>.html, and dist/html/<name>.js exporting it as a string for
// the packs (imported on first read of the view). The third-party code inlined into the views has its licences in
// dist/THIRD-PARTY-NOTICES.md, made from the module files Rollup put into each page (listed in
// dist/html/<name>.modules.json, which the command's bundle reads to ship the same notices); each page names the
// packages in a comment. Skips the work when no source is newer than the outputs.
import { readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundledPackageDirs, noticesComment, noticesMarkdown, packageNotices } from './thirdPartyNotices.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const out = path.join(root, 'dist', 'html');
const NOTICES = path.join(root, 'dist', 'THIRD-PARTY-NOTICES.md');
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
    statSync(fileURLToPath(new URL('./thirdPartyNotices.mjs', import.meta.url))).mtimeMs,
    statSync(path.join(root, 'package.json')).mtimeMs,
  );
  try {
    const outputs = [
      ...PAGES.map(({ name, dir }) => path.join(dir, `${name}.html`)),
      ...VIEWS.map((name) => path.join(out, `${name}.modules.json`)),
      NOTICES,
    ];
    return outputs.every((file) => statSync(file).mtimeMs > sources);
  } catch {
    return false;
  }
}

/** Vite's own helpers (`\0vite/preload-helper.js`…) are virtual modules: their code is the vite package's. */
const vitePackage = path.dirname(createRequire(import.meta.url).resolve('vite/package.json'));

/**
 * The files of the modules whose code is in a chunk (styles included: they are inlined as a whole), a virtual
 * module counting as the vite package's package.json.
 */
function bundledFiles(chunk) {
  return Object.entries(chunk.modules)
    .filter(([id, module]) => module.renderedLength > 0 || /\.css($|\?)/.test(id))
    .map(([id]) => (id.startsWith('\0') ? path.join(vitePackage, 'package.json') : id.replace(/\?.*$/, '')));
}

/**
 * Inlines the entry chunk and the stylesheet into the HTML page and drops them from the output; adds the files of
 * the modules bundled into the page to `modules`.
 */
function inlineEverything(modules) {
  return {
    name: 'mcp-panther-inline',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = Object.values(bundle).find((file) => file.fileName.endsWith('.html'));
      let html = page.source;
      for (const [fileName, file] of Object.entries(bundle)) {
        if (file.type === 'chunk') {
          modules.push(...bundledFiles(file));
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
  const modules = [];
  const result = await build({
    configFile: false,
    root: path.join(web, name),
    base: './',
    logLevel: 'warn',
    plugins: [inlineEverything(modules)],
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
  const built = output.find((file) => file.fileName.endsWith('.html')).source;
  const files = [...new Set(modules)].sort();
  const notices = packageNotices(bundledPackageDirs(files));
  const comment = noticesComment(notices, LICENCES_ARE);
  const doctype = /^<!doctype html>\n?/i;
  if (!doctype.test(built)) throw new Error(`${name}.html does not start with <!doctype html>`);
  const html = built.replace(doctype, (start) => `${start.trimEnd()}\n${comment}\n`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.html`), html);
  if (dir === out) {
    await writeFile(path.join(dir, `${name}.js`), `export default ${JSON.stringify(html)};\n`);
    await writeFile(path.join(dir, `${name}.d.ts`), 'declare const html: string;\nexport default html;\n');
    const relative = files.map((file) => path.relative(root, file).split(path.sep).join('/'));
    await writeFile(path.join(dir, `${name}.modules.json`), `${JSON.stringify(relative, null, 2)}\n`);
  }
  return { name, files, bytes: Buffer.byteLength(html), gzipped: gzipSync(html, { level: 9 }).length };
}

/** Where a view's comment says the licences are. */
const LICENCES_ARE =
  'THIRD-PARTY-NOTICES.md in the @mcp-panther/views package (dist/) and in the mcp-panther package (bundle/)';

if (process.argv.includes('--force') || !upToDate()) {
  const started = Date.now();
  const sizes = [];
  sizes.push(...(await Promise.all(PAGES.map(buildPage))));
  const viewFiles = sizes.filter((page) => VIEWS.includes(page.name)).flatMap((page) => page.files);
  await writeFile(
    NOTICES,
    noticesMarkdown(
      "mcp-panther's MCP Apps views (dist/html/) inline the code of these npm packages.",
      packageNotices(bundledPackageDirs(viewFiles)),
    ),
  );
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write(
    `views built in ${Date.now() - started} ms: ${sizes.map((s) => `${s.name} ${kb(s.bytes)} (${kb(s.gzipped)} gzipped)`).join(', ')}\n`,
  );
}
