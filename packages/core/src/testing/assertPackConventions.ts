import type { PackDefinition } from '../define/types.js';
import { checkPackCompatibility } from '../host/importPack.js';
import { checkOnePack } from '../host/validatePacks.js';

export interface PackConventionOptions {
  /** Longest tool description (every character is sent on every `tools/list`). Default 1024. */
  readonly maxDescriptionLength?: number;
  /** Most tools in one pack. Default 40. */
  readonly maxTools?: number;
}

/**
 * Throws one error listing every convention the pack breaks: what the host checks at load time (brand, API
 * version, core range, snake_case unique names, derived annotations, write tools with destructive/idempotent,
 * zod object input without top-level unions, known permissions) plus description and tool-count caps.
 */
export function assertPackConventions(pack: PackDefinition, options: PackConventionOptions = {}): void {
  const maxDescription = options.maxDescriptionLength ?? 1024;
  const maxTools = options.maxTools ?? 40;
  const problems: string[] = [];
  try {
    checkPackCompatibility(pack);
  } catch (error) {
    problems.push((error as Error).message);
  }
  problems.push(...checkOnePack(pack));
  if (Array.isArray(pack.tools)) {
    if (pack.tools.length > maxTools) problems.push(`has ${pack.tools.length} tools; at most ${maxTools}`);
    for (const tool of pack.tools) {
      if (typeof tool?.description === 'string' && tool.description.length > maxDescription) {
        problems.push(
          `tool "${tool.name}": description is ${tool.description.length} characters; at most ${maxDescription}`,
        );
      }
    }
  }
  if (problems.length > 0) {
    const id = typeof pack?.id === 'string' ? pack.id : '(no id)';
    throw new Error(
      `Pack "${id}" breaks ${problems.length} convention(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}
