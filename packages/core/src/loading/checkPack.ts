import { createRequire } from 'node:module';
import { PANTHER_PERMISSIONS } from '@mcp-panther/client';
import { toolJsonSchema } from '../catalog/jsonSchema.js';
import { isContentOutput } from '../define/content.js';
import { deriveAnnotations } from '../define/defineTool.js';
import {
  type AnyTool,
  PACK_API_VERSION,
  PACK_BRAND,
  type PackDefinition,
  PROMPT_BRAND,
  RESOURCE_TEMPLATE_BRAND,
  TOOL_BRAND,
  VIEW_BRAND,
} from '../define/types.js';
import { isMcpHostError, McpHostError } from '../errors.js';
import { compileUriTemplate, uriTemplateProblem } from '../resources/uriTemplate.js';
import { CORE_VERSION } from './coreVersion.js';

/**
 * Everything that makes a pack valid on its own, in one place: the loader and `assertPackConventions` both ask
 * `checkPack`. (Rules across packs — unique ids and names, `requires` — are the loader's, in validatePacks.ts.)
 */

export const PACK_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const PROMPT_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Prompt names: kebab-case, or snake_case for a prompt that must keep a name given elsewhere. */
export const PROMPT_OR_SNAKE_NAME_PATTERN = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
export const MAX_TOOL_NAME_LENGTH = 64;
/** `ui://` then an authority and a path of lower-case words (`ui://panther/alerts`). */
export const VIEW_URI_PATTERN = /^ui:\/\/[a-z0-9][a-z0-9.-]*(?:\/[a-z0-9][a-z0-9._-]*)+$/;

const VISIBILITIES = new Set(['model', 'app']);

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks a view's shape (`defineView`). */
export function checkView(view: unknown): string[] {
  const v = view as Record<string, unknown> | null;
  if (v?.['$$type'] !== VIEW_BRAND) return ['view is not made by defineView (missing brand)'];
  const problems: string[] = [];
  if (typeof v['uri'] !== 'string' || !VIEW_URI_PATTERN.test(v['uri'])) {
    problems.push(`view uri ${JSON.stringify(v['uri'])} must look like ui://<name>/<view> (lower case)`);
  }
  if (typeof v['title'] !== 'string' || v['title'].trim() === '')
    problems.push('view title must be a non-empty string');
  if (v['description'] !== undefined && typeof v['description'] !== 'string') {
    problems.push('view description, when given, must be a string');
  }
  if (typeof v['html'] !== 'function') problems.push('view html must be a function returning the HTML');
  if (v['calls'] !== undefined && !isStringList(v['calls']))
    problems.push('view calls must be a list of tool names');
  const csp = v['csp'] as Record<string, unknown> | undefined;
  if (csp !== undefined) {
    if (typeof csp !== 'object' || csp === null) problems.push('view csp must be an object');
    else {
      for (const [key, value] of Object.entries(csp)) {
        if (key !== 'connectDomains' && key !== 'resourceDomains')
          problems.push(`view csp.${key} is not known`);
        else if (!isStringList(value)) problems.push(`view csp.${key} must be a list of origins`);
      }
    }
  }
  if (v['prefersBorder'] !== undefined && typeof v['prefersBorder'] !== 'boolean') {
    problems.push('view prefersBorder, when given, must be a boolean');
  }
  return problems;
}

/** A tool's `view` and `visibility`: a valid view, and a visibility that needs one. */
function checkToolView(tool: AnyTool): string[] {
  const problems = tool?.view === undefined ? [] : checkView(tool.view);
  const visibility: unknown = tool?.visibility;
  if (visibility === undefined) return problems;
  if (!isStringList(visibility) || visibility.length === 0 || !visibility.every((v) => VISIBILITIES.has(v))) {
    problems.push('visibility must be a non-empty list of "model" and "app"');
  } else if (tool.view === undefined) {
    problems.push('visibility needs a view (it says who may call the tool: the model, its view, or both)');
  }
  return problems;
}

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

/** Every parameter a tool's `continuation` names must be one of its input's parameters. */
function checkContinuation(tool: AnyTool): string[] {
  const continuation = tool?.continuation;
  if (continuation === undefined) return [];
  const shape = (tool.input as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
  const named = [
    continuation.cursor,
    continuation.pageSize,
    continuation.fields,
    ...(continuation.filters ?? []),
    ...(continuation.resumeWith ?? []),
  ].filter((name) => name !== undefined);
  const unknown = named.filter((name) => typeof name !== 'string' || !Object.hasOwn(shape, name));
  const problems =
    unknown.length > 0
      ? [
          `continuation names parameters the input does not have: ${unknown.map((n) => JSON.stringify(n)).join(', ')}`,
        ]
      : [];
  if (continuation.resumeWith?.length && continuation.cursor === undefined) {
    problems.push('continuation.resumeWith needs continuation.cursor');
  }
  return problems;
}

/**
 * The invariants every tool must hold at run time (third-party packs skip our CI, so the host checks them):
 * brand, snake_case name, title and description, access with its write fields, derived annotations, a zod
 * object input without top-level unions, an object output (or content blocks), known permissions, a handler.
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
  if (isContentOutput(tool?.output)) {
    if (tool.continuation !== undefined) {
      problems.push(
        'continuation does not apply to a tool that returns content blocks (output: contentOutput)',
      );
    }
  } else if (tool?.output !== undefined && zodType(tool.output) !== 'object') {
    problems.push('output, when given, must be a zod object schema or contentOutput');
  }
  problems.push(...checkPermissions(tool?.permissions));
  if (zodType(tool?.input) === 'object') problems.push(...checkContinuation(tool));
  if (typeof tool?.handler !== 'function') problems.push('handler must be a function');
  problems.push(...checkToolView(tool));
  const describeChange = (tool as { describeChange?: unknown } | undefined)?.describeChange;
  if (describeChange !== undefined && (tool?.access !== 'write' || typeof describeChange !== 'function')) {
    problems.push('describeChange, when given, must be a function of a write tool');
  }
  return problems;
}

/** Checks one prompt's shape. */
export function checkPrompt(prompt: unknown): string[] {
  const p = prompt as Record<string, unknown> | null;
  const problems: string[] = [];
  if (p?.['$$type'] !== PROMPT_BRAND) problems.push('is not made by definePrompt (missing brand)');
  if (typeof p?.['name'] !== 'string' || !PROMPT_OR_SNAKE_NAME_PATTERN.test(p['name'])) {
    problems.push('name must be kebab-case or snake_case');
  }
  if (typeof p?.['description'] !== 'string' || p['description'].trim() === '') {
    problems.push('description must be a non-empty string');
  }
  if (typeof p?.['render'] !== 'function') problems.push('render must be a function');
  if (typeof p?.['args'] !== 'object' || p['args'] === null) problems.push('args must be an object');
  if (p?.['permissions'] !== undefined) problems.push(...checkPermissions(p['permissions']));
  const tools = p?.['tools'];
  if (
    tools !== undefined &&
    (!Array.isArray(tools) || tools.some((name) => typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name)))
  ) {
    problems.push('tools, when given, must be a list of tool names (snake_case)');
  }
  return problems;
}

function checkVariableMap(
  field: 'values' | 'complete',
  map: unknown,
  variables: readonly string[],
  isEntry: (value: unknown) => boolean,
  what: string,
): string[] {
  if (map === undefined) return [];
  if (typeof map !== 'object' || map === null) return [`${field} must be an object keyed by variable`];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(map)) {
    if (!variables.includes(name)) problems.push(`${field}.${name} names no variable of the uriTemplate`);
    else if (!isEntry(value)) problems.push(`${field}.${name} must be ${what}`);
  }
  return problems;
}

/** Checks one resource template's shape, and that it reads through a read tool of the same pack. */
export function checkResourceTemplate(template: unknown, tools: readonly AnyTool[]): string[] {
  const t = template as Record<string, unknown> | null;
  const problems: string[] = [];
  if (t?.['$$type'] !== RESOURCE_TEMPLATE_BRAND)
    problems.push('is not made by defineResourceTemplate (missing brand)');
  if (typeof t?.['name'] !== 'string' || !PROMPT_NAME_PATTERN.test(t['name'])) {
    problems.push('name must be kebab-case');
  }
  for (const field of ['title', 'description'] as const) {
    if (typeof t?.[field] !== 'string' || (t[field] as string).trim() === '') {
      problems.push(`${field} must be a non-empty string`);
    }
  }
  const uriProblem = uriTemplateProblem(t?.['uriTemplate']);
  if (uriProblem) problems.push(uriProblem);
  const tool = tools.find((candidate) => candidate?.name === t?.['tool']);
  if (tool === undefined) problems.push(`tool ${JSON.stringify(t?.['tool'])} is not a tool of this pack`);
  else if (tool.access !== 'read') problems.push(`tool "${tool.name}" must be a read tool`);
  if (typeof t?.['toolArguments'] !== 'function') problems.push('toolArguments must be a function');
  if (t?.['mimeType'] !== undefined && (typeof t['mimeType'] !== 'string' || !t['mimeType'].includes('/'))) {
    problems.push('mimeType, when given, must be a MIME type (type/subtype)');
  }
  if (!uriProblem) {
    const { variables } = compileUriTemplate(t?.['uriTemplate'] as string);
    problems.push(
      ...checkVariableMap(
        'values',
        t?.['values'],
        variables,
        (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'),
        'a non-empty list of strings',
      ),
      ...checkVariableMap(
        'complete',
        t?.['complete'],
        variables,
        (v) => typeof v === 'function',
        'a function',
      ),
    );
  }
  return problems;
}

type Semver = typeof import('semver');
let semverModule: Semver | undefined;
/** semver (about 50 CommonJS files) is loaded only for a range the fast path below does not decide. */
const semver = (): Semver => {
  semverModule ??= createRequire(import.meta.url)('semver') as Semver;
  return semverModule;
};

const RELEASE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const CARET_RANGE = /^\^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * Whether a release version satisfies a plain caret range (`^0.1.0`, what packs declare), decided without
 * semver; undefined for anything else (prereleases, other range syntax), which semver decides.
 */
export function satisfiesCaret(version: string, range: string): boolean | undefined {
  const v = RELEASE.exec(version);
  const r = CARET_RANGE.exec(range.trim());
  if (!v || !r) return undefined;
  const [major, minor, patch] = [Number(v[1]), Number(v[2]), Number(v[3])];
  const [rMajor, rMinor, rPatch] = [Number(r[1]), Number(r[2]), Number(r[3])];
  const atLeast =
    major > rMajor || (major === rMajor && (minor > rMinor || (minor === rMinor && patch >= rPatch)));
  if (!atLeast) return false;
  // The caret allows changes that do not modify the left-most non-zero part.
  if (rMajor > 0) return major === rMajor;
  if (rMinor > 0) return major === 0 && minor === rMinor;
  return major === 0 && minor === 0 && patch === rPatch;
}

function isPack(value: unknown): value is PackDefinition {
  return typeof value === 'object' && value !== null && (value as { $$type?: unknown }).$$type === PACK_BRAND;
}

/** The pack in a module: its default export (unwrapped up to twice, for CJS interop), else its only pack export. */
export function findPack(namespace: unknown): unknown {
  let value: unknown = namespace;
  for (let i = 0; i < 3 && !isPack(value); i++) {
    if (typeof value !== 'object' || value === null || !('default' in value)) break;
    value = (value as { default: unknown }).default;
  }
  if (isPack(value)) return value;
  if (typeof namespace === 'object' && namespace !== null) {
    const packs = Object.values(namespace).filter(isPack);
    if (packs.length === 1) return packs[0];
  }
  return value;
}

/** Checks the brand, the pack API version and the pack's core range against the running core. */
export function checkPackCompatibility(value: unknown, coreVersion: string = CORE_VERSION): PackDefinition {
  if (!isPack(value)) {
    throw new McpHostError(
      'PACK_INVALID',
      'the module does not export a pack made by definePack (as its default export)',
    );
  }
  if (value.apiVersion !== PACK_API_VERSION) {
    throw new McpHostError(
      'PACK_API_MISMATCH',
      `it targets pack API version ${String(value.apiVersion)}; this core supports version ${PACK_API_VERSION}`,
    );
  }
  const fast = typeof value.coreRange === 'string' ? satisfiesCaret(coreVersion, value.coreRange) : undefined;
  if (
    fast === undefined &&
    (typeof value.coreRange !== 'string' || semver().validRange(value.coreRange) === null)
  ) {
    throw new McpHostError(
      'PACK_INVALID',
      `coreRange ${JSON.stringify(value.coreRange)} is not a semver range`,
    );
  }
  if (!(fast ?? semver().satisfies(coreVersion, value.coreRange, { includePrerelease: true }))) {
    throw new McpHostError(
      'PACK_API_MISMATCH',
      `it needs @mcp-panther/core ${value.coreRange}; this is @mcp-panther/core ${coreVersion}`,
    );
  }
  return value;
}

/** A pack's own invariants: id, title, every tool and prompt. */
export function checkPackContents(pack: PackDefinition): string[] {
  const problems: string[] = [];
  if (typeof pack.id !== 'string' || !PACK_ID_PATTERN.test(pack.id))
    problems.push('id must be kebab-case (a-z, 0-9, -)');
  if (typeof pack.title !== 'string' || pack.title.trim() === '')
    problems.push('title must be a non-empty string');
  if (!Array.isArray(pack.tools)) return [...problems, 'tools must be a list of tools'];
  const names = new Set<string>();
  pack.tools.forEach((tool, index) => {
    const name = typeof tool?.name === 'string' ? tool.name : `#${index}`;
    for (const problem of checkTool(tool)) problems.push(`tool ${JSON.stringify(name)}: ${problem}`);
    if (names.has(name)) problems.push(`tool ${JSON.stringify(name)} is defined twice`);
    names.add(name);
  });
  const viewUris = new Map<string, unknown>();
  for (const tool of pack.tools) {
    const uri = (tool?.view as { uri?: unknown } | undefined)?.uri;
    if (typeof uri !== 'string') continue;
    if (viewUris.has(uri) && viewUris.get(uri) !== tool.view)
      problems.push(`two different views have the uri ${uri}`);
    viewUris.set(uri, tool.view);
  }
  for (const prompt of pack.prompts ?? []) {
    const name = (prompt as { name?: unknown })?.name;
    for (const problem of checkPrompt(prompt)) problems.push(`prompt ${JSON.stringify(name)}: ${problem}`);
  }
  if (pack.resources !== undefined && !Array.isArray(pack.resources)) {
    problems.push('resources must be a list of resource templates');
  } else {
    const templateNames = new Set<string>();
    for (const template of pack.resources ?? []) {
      const name = (template as { name?: unknown })?.name;
      for (const problem of checkResourceTemplate(template, pack.tools)) {
        problems.push(`resource template ${JSON.stringify(name)}: ${problem}`);
      }
      if (typeof name === 'string' && templateNames.has(name)) {
        problems.push(`resource template ${JSON.stringify(name)} is defined twice`);
      }
      if (typeof name === 'string') templateNames.add(name);
    }
  }
  if (pack.instructions !== undefined && typeof pack.instructions !== 'string')
    problems.push('instructions must be a string');
  if (pack.requires !== undefined && !Array.isArray(pack.requires))
    problems.push('requires must be a list of pack ids');
  return problems;
}

export interface PackCheck {
  /** The pack, when the value is one (brand, API version and core range hold). */
  readonly pack: PackDefinition | undefined;
  /** The code of the first problem: what stops the pack from loading. */
  readonly code: 'PACK_INVALID' | 'PACK_API_MISMATCH' | undefined;
  readonly problems: readonly string[];
}

/** Checks a value as a pack: brand, API version, core range, then its own invariants. */
export function checkPack(value: unknown, coreVersion: string = CORE_VERSION): PackCheck {
  let pack: PackDefinition;
  try {
    pack = checkPackCompatibility(value, coreVersion);
  } catch (error) {
    const code = isMcpHostError(error) && error.code === 'PACK_API_MISMATCH' ? error.code : 'PACK_INVALID';
    return { pack: undefined, code, problems: [(error as Error).message] };
  }
  const problems = checkPackContents(pack);
  return { pack, code: problems.length > 0 ? 'PACK_INVALID' : undefined, problems };
}
