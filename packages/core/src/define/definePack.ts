import type { z } from 'zod';
import type {
  PackDefinition,
  PackFields,
  PromptDefinition,
  PromptFields,
  ResourceTemplateDefinition,
  ResourceTemplateFields,
} from './types.js';
import { PACK_API_VERSION, PACK_BRAND, PROMPT_BRAND, RESOURCE_TEMPLATE_BRAND } from './types.js';

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
