import type { DerivedAnnotations, InputSchema, ToolDefinition, ToolFieldsOf, ToolOutput } from './types.js';
import { TOOL_BRAND } from './types.js';

/** The MCP annotations of a tool, derived from its access so that the two can never disagree. */
export function deriveAnnotations(tool: {
  readonly title: string;
  readonly access: 'read' | 'write';
  readonly destructive?: boolean;
  readonly idempotent?: boolean;
}): DerivedAnnotations {
  const write = tool.access === 'write';
  return {
    title: tool.title,
    readOnlyHint: !write,
    destructiveHint: write ? tool.destructive === true : false,
    idempotentHint: write ? tool.idempotent === true : true,
    openWorldHint: true,
  };
}

/**
 * Defines one MCP tool. A typed identity function plus a brand and derived annotations:
 * `access: 'write'` will not compile without `destructive` and `idempotent`.
 */
export function defineTool<
  I extends InputSchema,
  O extends ToolOutput | undefined = undefined,
  Config = never,
>(fields: ToolFieldsOf<I, O, Config>): ToolDefinition<I, O, Config> {
  return Object.freeze({
    ...fields,
    $$type: TOOL_BRAND,
    annotations: Object.freeze(deriveAnnotations(fields)),
  });
}
