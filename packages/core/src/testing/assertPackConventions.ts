import { readdirSync } from 'node:fs';
import type { PackDefinition } from '../define/types.js';
import { checkPack, checkPackContents } from '../loading/checkPack.js';

export interface PackConventionOptions {
  /** Longest tool description (every character is sent on every `tools/list`). Default 1024. */
  readonly maxDescriptionLength?: number;
  /** Most tools in one pack. Default 40. */
  readonly maxTools?: number;
  /**
   * The pack's tools folder (`new URL('./tools/', import.meta.url)`). When given, it must hold one module per tool,
   * named after the tool in kebab-case (`list_alerts` in `list-alerts.ts`), and no other modules (tests and
   * declaration files aside).
   */
  readonly toolsDir?: string | URL;
}

const MODULE = /^(.+?)\.(?:[cm]?ts|[cm]?js)$/;
const NOT_A_MODULE = /\.(?:test|spec|d)\.[cm]?[jt]s$/;

function checkToolFiles(pack: PackDefinition, dir: string | URL): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    return [`cannot read the tools folder: ${(error as Error).message}`];
  }
  const files = new Map(
    names
      .filter((f) => !NOT_A_MODULE.test(f))
      .flatMap((f): [string, string][] => {
        const stem = MODULE.exec(f)?.[1];
        return stem === undefined ? [] : [[stem, f]];
      }),
  );
  const tools = new Map(
    pack.tools.map((t): [string, string] => [String(t?.name).replaceAll('_', '-'), String(t?.name)]),
  );
  return [
    ...[...tools]
      .filter(([stem]) => !files.has(stem))
      .map(([stem, name]) => `tool "${name}" has no file ${stem}.ts in the tools folder`),
    ...[...files]
      .filter(([stem]) => !tools.has(stem))
      .map(([, file]) => `tools folder file ${file} is named after no tool`),
  ];
}

/**
 * Throws one error listing every convention the pack breaks: what the host checks at load time (brand, API
 * version, core range, snake_case unique names, derived annotations, write tools with destructive/idempotent,
 * zod object input without top-level unions, known permissions) plus description and tool-count caps and,
 * with `toolsDir`, one file per tool named after it.
 */
export function assertPackConventions(pack: PackDefinition, options: PackConventionOptions = {}): void {
  const maxDescription = options.maxDescriptionLength ?? 1024;
  const maxTools = options.maxTools ?? 40;
  const problems: string[] = [];
  const check = checkPack(pack);
  problems.push(...check.problems);
  // A pack that is not one (no brand, wrong version) still gets its contents checked, for a complete report.
  if (check.pack === undefined && typeof pack === 'object' && pack !== null) {
    problems.push(...checkPackContents(pack));
  }
  if (Array.isArray(pack.tools)) {
    if (pack.tools.length > maxTools) problems.push(`has ${pack.tools.length} tools; at most ${maxTools}`);
    for (const tool of pack.tools) {
      if (typeof tool?.description === 'string' && tool.description.length > maxDescription) {
        problems.push(
          `tool "${tool.name}": description is ${tool.description.length} characters; at most ${maxDescription}`,
        );
      }
    }
    if (options.toolsDir !== undefined) problems.push(...checkToolFiles(pack, options.toolsDir));
  }
  if (problems.length > 0) {
    const id = typeof pack?.id === 'string' ? pack.id : '(no id)';
    throw new Error(
      `Pack "${id}" breaks ${problems.length} convention(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}
