import type { z } from 'zod';
import type {
  PackDefinition,
  PackFields,
  PromptDefinition,
  PromptFields,
  ResourceTemplateDefinition,
  ResourceTemplateFields,
  ViewDefinition,
  ViewFields,
} from './types.js';
import { PACK_API_VERSION, PACK_BRAND, PROMPT_BRAND, RESOURCE_TEMPLATE_BRAND, VIEW_BRAND } from './types.js';

/** Defines a tool pack: a frozen, branded object that the host checks (brand, API version, core range). */
export function definePack<ConfigSchema extends z.ZodType | undefined = undefined>(
  fields: PackFields<ConfigSchema>,
): PackDefinition<ConfigSchema> {
  return Object.freeze({
    ...fields,
    tools: Object.freeze([...fields.tools]),
    ...(fields.prompts ? { prompts: Object.freeze([...fields.prompts]) } : {}),
    ...(fields.resources ? { resources: Object.freeze([...fields.resources]) } : {}),
    $$type: PACK_BRAND,
    apiVersion: PACK_API_VERSION,
  });
}

/** Defines an MCP prompt that a pack contributes. */
export function definePrompt(fields: PromptFields): PromptDefinition {
  return Object.freeze({ ...fields, $$type: PROMPT_BRAND });
}

/** Defines a resource template that a pack contributes, read through one of the pack's read tools. */
export function defineResourceTemplate(fields: ResourceTemplateFields): ResourceTemplateDefinition {
  return Object.freeze({ ...fields, $$type: RESOURCE_TEMPLATE_BRAND });
}

/**
 * Defines an MCP Apps view: a `ui://` resource of self-contained HTML that a tool names with its `view` option.
 * Served only to clients that support the extension, and only where a tool that links it is served.
 */
export function defineView(fields: ViewFields): ViewDefinition {
  return Object.freeze({
    ...fields,
    ...(fields.calls ? { calls: Object.freeze([...fields.calls]) } : {}),
    $$type: VIEW_BRAND,
  });
}
