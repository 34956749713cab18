import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from './workspacePackages.js';

/**
 * The code blocks of docs/writing-a-tool-pack.md that tests check: each generated file it quotes
 * (`<!-- create-pack demo: PATH -->` before the block) and the config that loads the pack (`<!-- config: ... -->`).
 */
export interface PackDoc {
  readonly files: Readonly<Record<string, string>>;
  readonly config: string;
}

const BLOCK = /<!-- (create-pack demo|config): (\S+) -->\n\n```\w*\n([\s\S]*?)```/g;

export function readPackDoc(): PackDoc {
  const markdown = readFileSync(path.join(WORKSPACE_ROOT, 'docs', 'writing-a-tool-pack.md'), 'utf8');
  const files: Record<string, string> = {};
  let config: string | undefined;
  for (const [, kind, name, body] of markdown.matchAll(BLOCK)) {
    if (kind === 'config') config = body;
    else files[name!] = body!;
  }
  if (config === undefined) throw new Error('docs/writing-a-tool-pack.md has no <!-- config: --> block');
  return { files, config };
}
