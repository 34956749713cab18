// Builds the pack's MCP Apps view into one self-contained HTML file, as a client's sandbox requires (nothing is
// fetched at run time): web/recent-alerts.ts is bundled by esbuild (with ext-apps' App and core's hidden-text
// escaping) and inlined into web/recent-alerts.html, written to dist/views/recent-alerts.html. The licences of the
// npm packages esbuild put into the page go beside it, in dist/views/THIRD-PARTY-NOTICES.md, and a comment in the
// page names them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  metafile: true,
  write: false,
  logLevel: 'warning',
});

/** The folder of an npm package as Node looks it up from `from`: node_modules/<name> there or in a folder above. */
function packageDir(name, from) {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const found = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(found, 'package.json'))) return found;
  }
  throw new Error(`${name} is not installed (needed by ${from})`);
}
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * The npm packages whose code esbuild put into the page (its inputs), each with its licence: name, version, id and
 * text. A package's prebuilt `…-with-deps` file (ext-apps' `app-with-deps`) has its required peer dependencies
 * inside it (the MCP SDK and zod), so those count as bundled too.
 */
function bundledPackages(inputs) {
  const dirs = new Set();
  for (const input of Object.keys(inputs)) {
    const dir = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path.resolve(input))?.[1];
    if (!dir) continue;
    dirs.add(dir);
    if (!/-with-deps\.[cm]?js$/.test(input)) continue;
    const { peerDependencies = {}, peerDependenciesMeta = {} } = readJson(path.join(dir, 'package.json'));
    for (const peer of Object.keys(peerDependencies))
      if (!peerDependenciesMeta[peer]?.optional) dirs.add(packageDir(peer, dir));
  }
  const packages = new Map();
  for (const dir of dirs) {
    const { name, version, license } = readJson(path.join(dir, 'package.json'));
    const texts = readdirSync(dir)
      .filter((file) => /^(licen[cs]e|copying|notice)/i.test(file))
      .map((file) => readFileSync(path.join(dir, file), 'utf8').trim());
    packages.set(`${name}@${version}`, {
      id: `${name}@${version}`,
      license: license ?? 'see package',
      texts,
    });
  }
  return [...packages.values()].sort((a, b) => a.id.localeCompare(b.id));
}
const packages = bundledPackages(bundled.metafile.inputs);
const notices = packages.map(
  (p) => `## ${p.id} (${p.license})\n\n${p.texts.join('\n\n') || '(no licence file)'}\n`,
);

// A script's text ends at the first "</script": escaped, it cannot close the tag early.
const script = bundled.outputFiles[0].text.replaceAll('</script', '<\\/script');
const page = await readFile(path.join(root, 'web', `${name}.html`), 'utf8');
const tag = `<script type="module" src="./${name}.ts"></script>`;
if (!page.includes(tag)) throw new Error(`web/${name}.html has no ${tag}`);
const comment = `<!-- Bundled third-party code: ${packages.map((p) => `${p.id} (${p.license})`).join(', ')}. Licences: THIRD-PARTY-NOTICES.md beside this file. -->`;
const html = page
  .replace(/^<!doctype html>\n/i, (doctype) => `${doctype}${comment}\n`)
  .replace(tag, () => `<script type="module">${script}</script>`);
if (/<(script|link|img)[^>]+(src|href)=/i.test(html)) throw new Error(`${name}.html still loads a file`);
await mkdir(path.join(root, 'dist', 'views'), { recursive: true });
await writeFile(path.join(root, 'dist', 'views', `${name}.html`), html);
await writeFile(
  path.join(root, 'dist', 'views', 'THIRD-PARTY-NOTICES.md'),
  `# Third-party notices\n\n${name}.html inlines the code of these npm packages.\n\n${notices.join('\n')}`,
);
