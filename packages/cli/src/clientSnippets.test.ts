import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from './testdata/workspacePackages.js';

// The client configurations the README gives, read as each client reads them. Goose's: an `extensions` entry of
// its stdio kind, as Goose's published server API describes an extension entry (ExtensionConfig's stdio variant
// plus `enabled`): name, description, cmd, args and type are required, and each field has its type.

const readme = readFileSync(path.join(WORKSPACE_ROOT, 'README.md'), 'utf8');

/** The code block that follows `marker` in the README. */
function blockAfter(marker: string): string {
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README has no "${marker}"`);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`README has no code block after "${marker}"`);
  return block[1]!;
}

const isStringArray = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isStringRecord = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string');

/** What is wrong with a Goose stdio extension entry (Goose's field names and types); empty when nothing is. */
function gooseStdioEntryProblems(entry: Record<string, unknown>): string[] {
  const fields: Record<string, (value: unknown) => boolean> = {
    name: (v) => typeof v === 'string' && v !== '',
    description: (v) => typeof v === 'string',
    type: (v) => v === 'stdio',
    cmd: (v) => typeof v === 'string' && v !== '',
    args: isStringArray,
    enabled: (v) => typeof v === 'boolean',
    envs: isStringRecord,
    env_keys: isStringArray,
    timeout: (v) => v === null || (Number.isInteger(v) && (v as number) >= 0),
    bundled: (v) => v === null || typeof v === 'boolean',
    available_tools: isStringArray,
  };
  const required = ['name', 'description', 'type', 'cmd', 'args', 'enabled'];
  return [
    ...required.filter((key) => !(key in entry)).map((key) => `${key} is missing`),
    ...Object.entries(entry)
      .filter(([key, value]) => fields[key] === undefined || !fields[key](value))
      .map(([key]) =>
        fields[key] === undefined ? `${key} is not a Goose field` : `${key} has the wrong type`,
      ),
  ];
}

describe("the README's client configurations", () => {
  it('Goose: an extension entry of the stdio kind, with every field Goose requires', () => {
    const config = parse(blockAfter('Goose (`~/.config/goose/config.yaml`)')) as {
      extensions: Record<string, Record<string, unknown>>;
    };
    const entry = config.extensions['panther'];
    expect(entry).toBeDefined();
    expect(gooseStdioEntryProblems(entry!)).toEqual([]);
    expect(entry).toMatchObject({ name: 'panther', type: 'stdio', cmd: 'mcp-panther', enabled: true });
  });

  it('the check refuses what Goose refuses', () => {
    expect(gooseStdioEntryProblems({ type: 'stdio', cmd: 'x', args: [], enabled: true })).toEqual([
      'name is missing',
      'description is missing',
    ]);
    expect(
      gooseStdioEntryProblems({
        name: 'p',
        description: '',
        type: 'stdio',
        cmd: 'x',
        args: '',
        enabled: true,
        env: {},
      }),
    ).toEqual(['args has the wrong type', 'env is not a Goose field']);
  });

  it('Claude Desktop and VS Code: JSON that names the command', () => {
    const claude = JSON.parse(blockAfter('Claude Desktop (`claude_desktop_config.json`)')) as {
      mcpServers: Record<string, { command: string }>;
    };
    expect(claude.mcpServers['panther']?.command).toBe('mcp-panther');
    const vscode = JSON.parse(blockAfter('VS Code (`.vscode/mcp.json`)')) as {
      servers: Record<string, { type: string; command: string }>;
    };
    expect(vscode.servers['panther']).toMatchObject({ type: 'stdio', command: 'mcp-panther' });
  });
});
