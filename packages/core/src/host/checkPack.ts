import { PANTHER_PERMISSIONS } from '@mcp-panther/client';
import { deriveAnnotations } from '../define/defineTool.js';
import { type AnyTool, PROMPT_BRAND, TOOL_BRAND } from '../define/types.js';
import { toolJsonSchema } from '../server/jsonSchema.js';

export const PACK_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const PROMPT_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const MAX_TOOL_NAME_LENGTH = 64;

const KNOWN_PERMISSIONS = new Set<string>(PANTHER_PERMISSIONS);

function zodType(schema: unknown): string | undefined {
  const def = (schema as { _zod?: { def?: { type?: unknown } } } | null)?._zod?.def;
  return typeof def?.type === 'string' ? def.type : undefined;
}

function checkPermissions(permissions: unknown): string[] {
  const list = Array.isArray(permissions)
    ? permissions
    : typeof permissions === 'object' &&
        permissions !== null &&
        Array.isArray((permissions as { anyOf?: unknown }).anyOf)
      ? (permissions as { anyOf: unknown[] }).anyOf
      : undefined;
  if (!list) return ['permissions must be a list of Panther permission names or { anyOf: [...] }'];
  if (!Array.isArray(permissions) && list.length === 0) return ['permissions.anyOf must not be empty'];
  const unknown = list.filter((p) => typeof p !== 'string' || !KNOWN_PERMISSIONS.has(p));
  return unknown.length > 0
    ? [
        `unknown Panther permission ${unknown.map((p) => JSON.stringify(p)).join(', ')} (raw names such as AlertRead)`,
      ]
    : [];
}

/**
 * The invariants every tool must hold at run time (third-party packs skip our CI, so the host checks them):
 * brand, snake_case name, title and description, access with its write fields, derived annotations, a zod
 * object input without top-level unions, an object output, known permissions, a handler.
 */
export function checkTool(tool: AnyTool): string[] {
  const problems: string[] = [];
  if (tool?.$$type !== TOOL_BRAND) problems.push('is not made by defineTool (missing brand)');
  if (typeof tool?.name !== 'string' || !TOOL_NAME_PATTERN.test(tool.name)) {
    problems.push('name must be snake_case (a-z, 0-9, single underscores), starting with a letter');
  } else if (tool.name.length > MAX_TOOL_NAME_LENGTH) {
    problems.push(`name must be at most ${MAX_TOOL_NAME_LENGTH} characters`);
  }
  if (typeof tool?.title !== 'string' || tool.title.trim() === '')
    problems.push('title must be a non-empty string');
  if (typeof tool?.description !== 'string' || tool.description.trim() === '') {
    problems.push('description must be a non-empty string');
  }
  if (tool?.access === 'write') {
    if (typeof tool.destructive !== 'boolean')
      problems.push('a write tool must say whether it is destructive');
    if (typeof tool.idempotent !== 'boolean') problems.push('a write tool must say whether it is idempotent');
  } else if (tool?.access === 'read') {
    if ('destructive' in tool && (tool as { destructive?: unknown }).destructive === true) {
      problems.push('a read tool cannot be destructive');
    }
  } else {
    problems.push('access must be "read" or "write"');
  }
  if (problems.length === 0) {
    const expected = deriveAnnotations(tool);
    const actual = tool.annotations as unknown as Record<string, unknown> | undefined;
    const mismatched = Object.entries(expected).filter(([key, value]) => actual?.[key] !== value);
    if (mismatched.length > 0) {
      problems.push(
        `annotations disagree with access/destructive/idempotent (${mismatched.map(([k]) => k).join(', ')})`,
      );
    }
  }
  if (zodType(tool?.input) !== 'object') {
    problems.push('input must be a zod object schema (z.object({...}))');
  } else {
    try {
      const json = toolJsonSchema(tool.input, 'input');
      if (json['anyOf'] || json['oneOf'] || json['allOf'] || json['type'] !== 'object') {
        problems.push('input must not be a union at the top level');
      }
    } catch (error) {
      problems.push(`input cannot be shown as JSON Schema: ${(error as Error).message}`);
    }
  }
  if (tool?.output !== undefined && zodType(tool.output) !== 'object') {
    problems.push('output, when given, must be a zod object schema');
  }
  problems.push(...checkPermissions(tool?.permissions));
  if (typeof tool?.handler !== 'function') problems.push('handler must be a function');
  return problems;
}

/** Checks one prompt's shape. */
export function checkPrompt(prompt: unknown): string[] {
  const p = prompt as Record<string, unknown> | null;
  const problems: string[] = [];
  if (p?.['$$type'] !== PROMPT_BRAND) problems.push('is not made by definePrompt (missing brand)');
  if (typeof p?.['name'] !== 'string' || !PROMPT_NAME_PATTERN.test(p['name'])) {
    problems.push('name must be kebab-case');
  }
  if (typeof p?.['description'] !== 'string' || p['description'].trim() === '') {
    problems.push('description must be a non-empty string');
  }
  if (typeof p?.['render'] !== 'function') problems.push('render must be a function');
  if (typeof p?.['args'] !== 'object' || p['args'] === null) problems.push('args must be an object');
  if (p?.['permissions'] !== undefined) problems.push(...checkPermissions(p['permissions']));
  return problems;
}
