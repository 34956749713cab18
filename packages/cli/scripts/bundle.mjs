#!/usr/bin/env node
/**
 * Bundles the `mcp-panther` command into bundle/: core, client, the sandbox's JavaScript, the four first-party
 * packs and every npm dependency except DuckDB's native binding, so that installing the one package brings
 * everything, and the command starts from a few files instead of hundreds. Runs after `tsc -b` (it bundles dist/).
 *
 * bundle/bin.js          the command (bin/mcp-panther.js imports it)
 * bundle/index.js        the package's export (`main`, `CLI_VERSION`)
 * bundle/testing.js      `mcp-panther/testing`, the pack kit's test helpers (the sandbox included)
 * bundle/view.js         `mcp-panther/view`, what a pack's view uses in its page (built for the browser)
 * bundle/moduleHooks.js  core's Node module hooks (a file of its own: `module.register` loads it by URL)
 * bundle/<module>.js     one per entry of src/bundledModules.json: the modules the host provides by name (built
 *                        from the entry's `entry` file, else a file re-exporting the module; `mcp-panther/pack`
 *                        is both the kit's entry and provided to packs)
 * bundle/*-<hash>.js     chunks shared by those, and lazily imported parts (sandbox, HTTP transport, cosmiconfig…)
 * bundle/THIRD-PARTY-NOTICES.md   the licences of the bundled npm packages, those inlined into the views included
 *                        (from each view's module list, written by packages/views/scripts/build.mjs)
 *
 * Everything is flat in bundle/: modules find their neighbours with `new URL('./x.js', import.meta.url)`.
 * scripts/bundleTypes.mjs then writes the kit's declarations beside them.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  bundledPackageDirs,
  noticesMarkdown,
  packageNotices,
} from '../../views/scripts/thirdPartyNotices.mjs';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const workspacePackages = path.resolve(cliDir, '..');
const outdir = path.join(cliDir, 'bundle');
/** @type {Record<string, { file: string; defaultExport: boolean; entry?: string }>} */
const modules = JSON.parse(readFileSync(path.join(cliDir, 'src', 'bundledModules.json'), 'utf8'));

const coreDir = path.dirname(createRequire(import.meta.url).resolve('@mcp-panther/core/package.json'));

/** Native code cannot be bundled: DuckDB (the sandbox's database) stays a dependency of the package. */
const EXTERNAL = ['@duckdb/node-api', 'typescript'];

/** One entry per module the host provides: a file that re-exports it. */
const provided = {
  name: 'provided-modules',
  setup(b) {
    b.onResolve({ filter: /^provided:/ }, (args) => ({
      path: args.path.slice('provided:'.length),
      namespace: 'provided',
    }));
    b.onLoad({ filter: /.*/, namespace: 'provided' }, (args) => {
      const name = JSON.stringify(args.path);
      const contents = `export * from ${name};\n${modules[args.path]?.defaultExport ? `export { default } from ${name};\n` : ''}`;
      return { contents, resolveDir: cliDir, loader: 'js' };
    });
  },
};

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MANIFEST_READ =
  /readFileSync\(new URL\((['"])((?:\.\.\/)+package\.json)\1, import\.meta\.url\), (['"])utf8\3\)/g;
const LAZY_REQUIRE = /createRequire\(import\.meta\.url\)\(/g;

/**
 * Two rewrites of the workspace's own built files, each of a fixed pattern:
 * - a module reading its package's package.json next to itself gets the text inlined (in the bundle, the file is
 *   no longer where that relative URL points);
 * - `createRequire(import.meta.url)('x')`, used to load a dependency on first use, becomes `require('x')`, which
 *   esbuild bundles and still evaluates on first call.
 */
const workspaceRewrites = {
  name: 'workspace-rewrites',
  setup(b) {
    b.onLoad({ filter: new RegExp(`^${escapeRegExp(workspacePackages)}/[^/]+/dist/.*\\.js$`) }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source
        .replace(MANIFEST_READ, (_all, _q, relative) =>
          JSON.stringify(readFileSync(path.resolve(path.dirname(args.path), relative), 'utf8')),
        )
        .replace(LAZY_REQUIRE, 'require(');
      return { contents, loader: 'js' };
    });
  },
};

/** The nearest package.json's "type" for a file: whether Node reads a .js file there as CommonJS. */
function isCommonJs(file) {
  if (file.endsWith('.cjs')) return true;
  if (file.endsWith('.mjs')) return false;
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).type !== 'module';
  }
  return true;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * `await import('cosmiconfig')` of a CommonJS package: Node gives the named exports (it reads them from the
 * source), but esbuild, splitting it into a chunk, exports only `default`. Each such import goes through a small
 * ES module facade instead, which names the package's exports (read by loading it here, at build time).
 */
const commonJsDynamicImports = {
  name: 'commonjs-dynamic-imports',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.path.startsWith('node:') || EXTERNAL.includes(args.path))
        return;
      const resolved = await b.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir });
      if (resolved.errors.length > 0 || resolved.external || !isCommonJs(resolved.path)) return;
      return { path: resolved.path, namespace: 'commonjs-facade' };
    });
    b.onLoad({ filter: /.*/, namespace: 'commonjs-facade' }, (args) => {
      const names = Object.keys(createRequire(args.path)(args.path)).filter(
        (name) => IDENTIFIER.test(name) && name !== 'default' && name !== '__esModule',
      );
      const target = JSON.stringify(args.path);
      const contents = [
        `import * as commonJs from ${target};`,
        'export default commonJs.default;',
        ...names.map((name) => `export const ${name} = commonJs.${name};`),
      ].join('\n');
      return { contents, resolveDir: path.dirname(args.path), loader: 'js' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: cliDir,
  entryPoints: [
    { in: 'dist/bin.js', out: 'bin' },
    { in: 'dist/index.js', out: 'index' },
    { in: 'dist/testing.js', out: 'testing' },
    { in: path.join(coreDir, 'dist', 'loading', 'moduleHooks.js'), out: 'moduleHooks' },
    ...Object.entries(modules).map(([name, { file, entry }]) => ({
      in: entry ?? `provided:${name}`,
      out: file.replace(/\.js$/, ''),
    })),
  ],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  outdir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  external: EXTERNAL,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  // CommonJS dependencies call require() for Node's built-ins; ES module output has no require of its own.
  banner: {
    js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
  },
  plugins: [provided, workspaceRewrites, commonJsDynamicImports],
  metafile: true,
  logLevel: 'warning',
});

// mcp-panther/view runs in a view's page, not in Node: built for the browser on its own (no Node banner, no chunk
// shared with the command), so a pack's view bundler inlines it whole.
const viewEntry = await build({
  absWorkingDir: cliDir,
  entryPoints: [{ in: 'dist/view.js', out: 'view' }],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outdir,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// A lazily required dependency that the rewrite missed would be looked up in node_modules at run time, and is not there.
for (const file of readdirSync(outdir)) {
  const text = readFileSync(path.join(outdir, file), 'utf8');
  if (/createRequire\(import\.meta\.url\)\(/.test(text)) {
    throw new Error(`bundle/${file} still loads a dependency with createRequire(import.meta.url)`);
  }
}

/**
 * The files whose code is in the bundle: esbuild's inputs, and for each first-party view (an HTML page bundled as
 * a string) the module files the view build inlined into that page.
 */
function bundledFiles(inputs) {
  const files = [];
  for (const input of Object.keys(inputs)) {
    if (/^[a-z-]+:/.test(input)) continue; // a plugin's virtual module (provided:, commonjs-facade:)
    const file = path.resolve(cliDir, input);
    files.push(file);
    const view = /^(.*)[\\/]dist[\\/]html[\\/]([\w-]+)\.js$/.exec(file);
    if (!view) continue;
    const modules = path.join(view[1], 'dist', 'html', `${view[2]}.modules.json`);
    if (!existsSync(modules)) throw new Error(`${input} is a view without its module list (${modules})`);
    files.push(...JSON.parse(readFileSync(modules, 'utf8')).map((m) => path.resolve(view[1], m)));
  }
  return files;
}
const files = bundledFiles({ ...result.metafile.inputs, ...viewEntry.metafile.inputs });
writeFileSync(
  path.join(outdir, 'THIRD-PARTY-NOTICES.md'),
  noticesMarkdown(
    'The mcp-panther command bundles the code of these npm packages (it is in this folder), the MCP Apps views it serves included.',
    packageNotices(bundledPackageDirs(files)),
  ),
);
// The list the notices came from, for the test that checks them (dist/ is not shipped).
writeFileSync(
  path.join(cliDir, 'dist', 'bundled-files.json'),
  `${JSON.stringify([...new Set(files.map((f) => path.relative(cliDir, f).split(path.sep).join('/')))].sort(), null, 2)}\n`,
);

if (process.env.BUNDLE_META) writeFileSync(process.env.BUNDLE_META, JSON.stringify(result.metafile));
if (!existsSync(path.join(outdir, 'bin.js'))) throw new Error('the bundle has no bin.js');
