#!/usr/bin/env node
/**
 * The declarations of the pack kit (`mcp-panther/pack`, `mcp-panther/testing`), for pack authors whose one
 * dependency is mcp-panther: core's, the client's and the sandbox's types are inlined (those packages are bundled,
 * not installed), zod's are imported (zod is a dependency of mcp-panther for that). Runs after bundle.mjs.
 *
 * bundle/kit.d.ts       every declaration of both entries, once (src/kit.ts)
 * bundle/pack.d.ts      `export { … } from './kit.js'`: the names src/pack.ts exports
 * bundle/testing.d.ts   the same for src/testing.ts
 * bundle/view.d.ts      `mcp-panther/view` (src/view.ts), on its own: a view's page imports nothing else of the kit
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDtsBundle } from 'dts-bundle-generator';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(cliDir, 'bundle');

const [kit] = generateDtsBundle(
  [
    {
      filePath: path.join(cliDir, 'src', 'kit.ts'),
      noCheck: true,
      libraries: {
        inlinedLibraries: ['@mcp-panther/core', '@mcp-panther/client', '@mcp-panther/sandbox'],
        importedLibraries: ['zod'],
      },
      output: { noBanner: true, exportReferencedTypes: false },
    },
  ],
  { preferredConfigPath: path.join(cliDir, 'tsconfig.json') },
);
const [view] = generateDtsBundle(
  [
    {
      filePath: path.join(cliDir, 'src', 'view.ts'),
      noCheck: true,
      libraries: { inlinedLibraries: ['@mcp-panther/core'] },
      output: { noBanner: true, exportReferencedTypes: false },
    },
  ],
  { preferredConfigPath: path.join(cliDir, 'tsconfig.json') },
);
writeFileSync(path.join(outdir, 'view.d.ts'), `// mcp-panther/view (scripts/bundleTypes.mjs)\n${view}`);
writeFileSync(
  path.join(outdir, 'kit.d.ts'),
  `// The pack kit's declarations (scripts/bundleTypes.mjs).\n${kit}`,
);

/** The names a module's tsc declarations export (its `export { … }` lists and exported declarations). */
function exportedNames(declarationFile) {
  const text = readFileSync(declarationFile, 'utf8');
  const names = new Set();
  for (const [, list] of text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
    for (const item of list.split(',')) {
      const name = item
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  }
  for (const [, name] of text.matchAll(
    /^export (?:declare )?(?:function|interface|type|const|class|enum) ([A-Za-z_$][\w$]*)/gm,
  )) {
    names.add(name);
  }
  return [...names].sort();
}

for (const entry of ['pack', 'testing']) {
  const names = exportedNames(path.join(cliDir, 'dist', `${entry}.d.ts`));
  if (names.length === 0) throw new Error(`dist/${entry}.d.ts exports nothing`);
  writeFileSync(
    path.join(outdir, `${entry}.d.ts`),
    `// mcp-panther/${entry} (scripts/bundleTypes.mjs)\nexport {\n${names.map((n) => `  ${n},`).join('\n')}\n} from './kit.js';\n`,
  );
}
