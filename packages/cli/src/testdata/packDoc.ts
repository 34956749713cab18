import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from './workspacePackages.js';

/**
 * The code blocks of docs/writing-a-tool-pack.md that tests check or run, each marked by a comment before it:
 * the generated files it quotes (`<!-- create-pack demo: PATH -->`), the config that loads the pack
 * (`<!-- config: FILE -->`), the shell steps a pack author types (`<!-- pack author: STEP -->`) and the second
 * tool with its edit of the pack (`<!-- add a tool: PATH -->`).
 */
export interface PackDoc {
  readonly files: Readonly<Record<string, string>>;
  /** The files of `create-pack demo-board --view` it quotes (`<!-- create-pack demo-board --view: PATH -->`). */
  readonly viewFiles: Readonly<Record<string, string>>;
  readonly config: string;
  readonly shell: Readonly<Record<string, string>>;
  readonly addTool: Readonly<Record<string, string>>;
}

const BLOCK =
  /<!-- (create-pack demo|create-pack demo-board --view|config|pack author|add a tool): ([^>]+?) -->\n\n```\w*\n([\s\S]*?)```/g;

export function readPackDoc(): PackDoc {
  const markdown = readFileSync(path.join(WORKSPACE_ROOT, 'docs', 'writing-a-tool-pack.md'), 'utf8');
  const files: Record<string, string> = {};
  const shell: Record<string, string> = {};
  const addTool: Record<string, string> = {};
  const viewFiles: Record<string, string> = {};
  let config: string | undefined;
  for (const [, kind, name, body] of markdown.matchAll(BLOCK)) {
    if (kind === 'config') config = body;
    else if (kind === 'pack author') shell[name!] = body!;
    else if (kind === 'add a tool') addTool[name!] = body!;
    else if (kind === 'create-pack demo-board --view') viewFiles[name!] = body!;
    else files[name!] = body!;
  }
  if (config === undefined) throw new Error('docs/writing-a-tool-pack.md has no <!-- config: --> block');
  return { files, viewFiles, config, shell, addTool };
}

/**
 * The page's edit of src/index.ts applied to the generated file: its `import` lines go after the last import, and
 * its `tools:` line replaces the pack's.
 */
export function applyIndexEdit(index: string, edit: string): string {
  const lines = edit.split('\n').filter((line) => line.trim() !== '');
  const imports = lines.filter((line) => line.startsWith('import '));
  const tools = lines.find((line) => line.trim().startsWith('tools:'));
  if (imports.length === 0 || tools === undefined)
    throw new Error('the edit of src/index.ts has no import or tools line');
  const source = index.split('\n');
  const lastImport = source.reduce((last, line, i) => (line.startsWith('import ') ? i : last), -1);
  source.splice(lastImport + 1, 0, ...imports);
  const toolsLine = source.findIndex((line) => line.trim().startsWith('tools:'));
  if (toolsLine < 0) throw new Error('src/index.ts has no tools line');
  source[toolsLine] = tools;
  return source.join('\n');
}
