import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contentOutput } from '../define/content.js';
import { definePack, defineResourceTemplate } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import { compileUriTemplate, uriTemplateProblem } from '../resources/uriTemplate.js';
import { checkPack, checkTool, satisfiesCaret } from './checkPack.js';

describe('satisfiesCaret', () => {
  it('agrees with semver on plain caret ranges', () => {
    const parts = [0, 1, 2, 10];
    const versions = parts.flatMap((a) => parts.flatMap((b) => parts.map((c) => `${a}.${b}.${c}`)));
    for (const range of versions.map((v) => `^${v}`)) {
      for (const version of versions) {
        expect(satisfiesCaret(version, range), `${version} vs ${range}`).toBe(
          semver.satisfies(version, range, { includePrerelease: true }),
        );
      }
    }
  });

  it('leaves other ranges and prereleases to semver', () => {
    expect(satisfiesCaret('0.1.0', '>=0.0.1')).toBeUndefined();
    expect(satisfiesCaret('0.1.0', '~0.1.0')).toBeUndefined();
    expect(satisfiesCaret('0.1.0', '^0.1')).toBeUndefined();
    expect(satisfiesCaret('0.1.0-beta.1', '^0.1.0')).toBeUndefined();
    expect(satisfiesCaret('0.1.0', '*')).toBeUndefined();
  });
});

describe('resource templates in a pack', () => {
  const read = defineTool({
    name: 'get_item',
    title: 'Get item',
    description: 'One item.',
    access: 'read',
    permissions: ['AlertRead'],
    input: z.object({ item_id: z.string() }),
    async handler({ item_id }) {
      return { id: item_id };
    },
  });
  const write = defineTool({
    name: 'drop_item',
    title: 'Drop item',
    description: 'Drop one item.',
    access: 'write',
    destructive: true,
    idempotent: true,
    permissions: ['AlertModify'],
    input: z.object({ item_id: z.string() }),
    async handler() {
      return {};
    },
  });
  const template = (fields: Partial<Parameters<typeof defineResourceTemplate>[0]>) =>
    defineResourceTemplate({
      name: 'item',
      title: 'Item',
      description: 'One item.',
      uriTemplate: 'panther://items/{id}',
      tool: 'get_item',
      toolArguments: ({ id }) => ({ item_id: id }),
      ...fields,
    });
  const problems = (...resources: ReturnType<typeof template>[]) =>
    checkPack(
      definePack({ id: 'items', title: 'Items', coreRange: '>=0.1.0', tools: [read, write], resources }),
    ).problems;

  it('accepts a template read through a read tool of the pack', () => {
    expect(problems(template({}))).toEqual([]);
  });

  it('names what is wrong with a template', () => {
    expect(problems(template({ tool: 'drop_item' }))).toEqual([
      'resource template "item": tool "drop_item" must be a read tool',
    ]);
    expect(problems(template({ tool: 'get_other' }))).toEqual([
      'resource template "item": tool "get_other" is not a tool of this pack',
    ]);
    expect(problems(template({ uriTemplate: 'items/{id}' }))).toEqual([
      'resource template "item": uriTemplate must be a URI with a scheme (panther://alerts/{id})',
    ]);
    expect(problems(template({ uriTemplate: 'panther://items/{Id}' }))).toEqual([
      'resource template "item": uriTemplate variable {Id} must be a lower-case name (a-z, 0-9, _)',
    ]);
    // A URI without variables is one fixed resource (listed by resources/list).
    expect(problems(template({ uriTemplate: 'panther://items' }))).toEqual([]);
    expect(problems(template({ values: { kind: ['a'] } }))).toEqual([
      'resource template "item": values.kind names no variable of the uriTemplate',
    ]);
    expect(problems(template({ name: 'Item' }), template({}), template({}))).toEqual([
      'resource template "Item": name must be kebab-case',
      'resource template "item" is defined twice',
    ]);
    expect(problems({ ...template({}), $$type: 'nope' } as never)).toEqual([
      'resource template "item": is not made by defineResourceTemplate (missing brand)',
    ]);
  });
});

describe('compileUriTemplate', () => {
  it('matches one path segment per variable, percent-decoded, and nothing else', () => {
    const t = compileUriTemplate('panther://detections/{type}/{id}');
    expect(t.variables).toEqual(['type', 'id']);
    expect(t.match('panther://detections/rules/AWS.Root%20Login')).toEqual({
      type: 'rules',
      id: 'AWS.Root Login',
    });
    expect(t.match('panther://detections/rules')).toBeUndefined();
    expect(t.match('panther://detections/rules/a/b')).toBeUndefined();
    expect(t.match('panther://detections/rules/%E0%A4%A')).toBeUndefined();
    expect(t.match('other://detections/rules/a')).toBeUndefined();
    expect(compileUriTemplate('panther://a.b/{id}').match('panther://aXb/1')).toBeUndefined();
    expect(uriTemplateProblem('panther://x/{a}{b}')).toBe(
      'uriTemplate variables must be separated by literal text',
    );
    expect(uriTemplateProblem('panther://x/{a}/{a}')).toBe('uriTemplate names a variable twice');
  });
});
describe('checkTool: continuation', () => {
  const tool = (continuation: unknown) =>
    defineTool({
      name: 'list_things',
      title: 'List things',
      description: 'Lists things.',
      access: 'read',
      permissions: [],
      input: z.object({
        cursor: z.string().optional(),
        limit: z.int().optional(),
        kind: z.string().optional(),
      }),
      continuation: continuation as never,
      async handler() {
        return {};
      },
    });

  it('accepts parameters the input has', () => {
    expect(checkTool(tool({ cursor: 'cursor', pageSize: 'limit', filters: ['kind'] }))).toEqual([]);
  });

  it('names parameters the input does not have, and resumeWith without a cursor', () => {
    expect(checkTool(tool({ cursor: 'page_token', fields: 'fields', filters: ['kind', 'state'] }))).toEqual([
      'continuation names parameters the input does not have: "page_token", "fields", "state"',
    ]);
    expect(checkTool(tool({ resumeWith: ['kind'] }))).toEqual([
      'continuation.resumeWith needs continuation.cursor',
    ]);
  });
});

describe('checkTool: output', () => {
  const tool = (output: unknown, continuation?: unknown) =>
    defineTool({
      name: 'show_thing',
      title: 'Show thing',
      description: 'Shows a thing.',
      access: 'read',
      permissions: [],
      input: z.object({ cursor: z.string().optional() }),
      output: output as never,
      ...(continuation === undefined ? {} : { continuation: continuation as never }),
      async handler() {
        return { content: [] } as never;
      },
    });

  it('accepts a zod object or contentOutput', () => {
    expect(checkTool(tool(z.object({ a: z.string() })))).toEqual([]);
    expect(checkTool(tool(contentOutput))).toEqual([]);
  });

  it('refuses anything else, and a continuation for content blocks', () => {
    expect(checkTool(tool(z.string()))).toEqual([
      'output, when given, must be a zod object schema or contentOutput',
    ]);
    expect(checkTool(tool(contentOutput, { cursor: 'cursor' }))).toEqual([
      'continuation does not apply to a tool that returns content blocks (output: contentOutput)',
    ]);
  });
});
