import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@mcp-panther/core';
import { compileQueryTool, queryToolsConfig } from '@mcp-panther/pack-datalake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLI_SECTIONS } from './openHost.js';

// Every server config the docs show (a JSON or YAML block whose top level has a config key) loads as the command
// loads it, and every inline-SQL query tool in them compiles: its placeholders, parameters and the SQL guard.

const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const CONFIG_KEYS = new Set([
  'panther',
  'server',
  'policy',
  'profiles',
  'packs',
  'client',
  'logging',
  'output',
  'reload',
  'views',
  ...CLI_SECTIONS.map((section) => section.key),
]);

interface Block {
  readonly where: string;
  readonly lang: 'json' | 'yaml';
  readonly text: string;
}

function codeBlocks(file: string): Block[] {
  const lines = readFileSync(path.join(DOCS, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const lang = /^```(json|yaml)\s*$/.exec(lines[i] ?? '')?.[1] as Block['lang'] | undefined;
    if (!lang) continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== '```') i++;
    blocks.push({ where: `docs/${file}:${start}`, lang, text: lines.slice(start, i + 1).join('\n') });
    i++;
  }
  return blocks;
}

const parsed = (block: Block): unknown => {
  try {
    return block.lang === 'json' ? JSON.parse(block.text) : parseYaml(block.text);
  } catch {
    return undefined; // a log line or an excerpt with "…": not a config
  }
};

const configBlocks = readdirSync(DOCS)
  .filter((file) => file.endsWith('.md'))
  .sort()
  .flatMap(codeBlocks)
  .filter((block) => {
    const value = parsed(block);
    return typeof value === 'object' && value !== null && Object.keys(value).some((k) => CONFIG_KEYS.has(k));
  });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-docs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('configs in the docs', () => {
  it('are found where the docs show them', () => {
    expect(configBlocks.map((b) => b.where.replace(/:\d+$/, ''))).toEqual([
      'docs/apps.md',
      'docs/configuration.md',
      'docs/configuration.md',
      'docs/configuration.md',
      'docs/configuration.md',
      'docs/deployment.md',
      'docs/deployment.md',
      'docs/deployment.md',
      'docs/writing-a-tool-pack.md',
    ]);
  });

  it.each(configBlocks.map((block) => [block.where, block] as const))('%s loads', async (_where, block) => {
    const file = path.join(dir, `config.${block.lang}`);
    await writeFile(file, block.text);
    const loaded = await loadConfig({ configPath: file, env: {}, sections: CLI_SECTIONS });
    for (const entry of queryToolsConfig(loaded.sections)) {
      if (entry.sql !== undefined) compileQueryTool(entry, { sql: entry.sql, from: 'the SQL' });
    }
  });
});
