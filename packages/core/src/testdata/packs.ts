import type { PantherClient, RestRequest } from '@mcp-panther/client';
import { emptyClientStats, PantherApiError } from '@mcp-panther/client';
import { z } from 'zod';
import { definePack, definePrompt } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import { ToolInputError } from '../errors.js';

/** Packs and a fake client shared by core's unit tests. */

const severity = z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO']);

export const listThings = defineTool({
  name: 'list_things',
  title: 'List things',
  description: 'List things by severity.',
  access: 'read',
  permissions: ['AlertRead'],
  input: z.object({
    severities: z.array(severity).max(5).default(['HIGH']).describe('Severities to include'),
    page_size: z.int().min(1).max(50).default(25),
  }),
  output: z.object({ things: z.array(z.object({ id: z.string() })), total: z.number() }),
  async handler(input, { client, signal }) {
    const things = await client.rest<{ id: string }[]>({
      method: 'GET',
      path: '/things',
      query: { severity: input.severities },
      signal,
    });
    return { things: things.slice(0, input.page_size), total: things.length };
  },
});

export const failThing = defineTool({
  name: 'fail_thing',
  title: 'Fail',
  description: 'Fails in the way asked.',
  access: 'read',
  permissions: [],
  input: z.object({ how: z.enum(['input', 'forbidden', 'upstream', 'bug', 'token', 'progress']) }),
  async handler({ how }, { progress, config }) {
    if (how === 'input') throw new ToolInputError('how', 'cannot be used with that cursor');
    if (how === 'forbidden') throw new PantherApiError('PERMISSION', 'forbidden', { status: 403 });
    if (how === 'upstream') throw new PantherApiError('UPSTREAM', 'Internal Server Error', { status: 502 });
    if (how === 'token') throw new Error('leaked secret-token-123456 in a message');
    if (how === 'progress') {
      await progress(1, 2, 'half');
      await progress(2, 2);
      return { done: true, config };
    }
    throw new Error('boom at line 3');
  },
});

export const updateThing = defineTool({
  name: 'update_thing',
  title: 'Update a thing',
  description: 'Change a thing.',
  access: 'write',
  destructive: true,
  idempotent: true,
  permissions: ['AlertModify'],
  input: z.object({ id: z.string().min(1), status: z.enum(['OPEN', 'CLOSED']) }),
  async handler({ id, status }) {
    return { id, status };
  },
});

export const deleteThing = defineTool({
  name: 'delete_thing',
  title: 'Delete a thing',
  description: 'Delete a thing.',
  access: 'write',
  destructive: true,
  idempotent: false,
  permissions: { anyOf: ['RuleModify', 'PolicyModify'] },
  input: z.object({ id: z.string() }),
  async handler({ id }) {
    return { deleted: id };
  },
});

export const thingsPack = definePack({
  id: 'things',
  title: 'Things',
  coreRange: '>=0.1.0',
  configSchema: z.object({ pageSize: z.int().max(100).default(25) }).default({ pageSize: 25 }),
  tools: [updateThing, listThings, failThing, deleteThing],
  prompts: [
    definePrompt({
      name: 'triage-thing',
      title: 'Triage a thing',
      description: 'Asks the model to triage one thing.',
      args: { thing_id: { description: 'The thing' }, depth: { description: 'How deep', required: false } },
      complete: {
        thing_id: (value) => ['thing-1', 'thing-2', 'other'].filter((v) => v.startsWith(value)),
        depth: (value) => ['quick', 'thorough'].filter((v) => v.startsWith(value)),
      },
      render: ({ thing_id, depth }) => `Triage thing ${thing_id}${depth ? ` (${depth})` : ''}.`,
    }),
  ],
  instructions: 'Things are things.',
});

export const otherPack = definePack({
  id: 'other',
  title: 'Other',
  coreRange: '>=0.1.0',
  tools: [
    defineTool({
      name: 'get_other',
      title: 'Get other',
      description: 'Get the other.',
      access: 'read',
      permissions: ['UserRead'],
      input: z.object({}),
      async handler() {
        return { other: true };
      },
    }),
  ],
});

export interface FakeClient extends PantherClient {
  readonly requests: RestRequest[];
}

/** A PantherClient answering from a table of REST paths; `/api-tokens/self` lists `permissions`. */
export function fakeClient(
  permissions: readonly string[] | 'fail' = ['AlertRead', 'AlertModify', 'UserRead'],
): FakeClient {
  const requests: RestRequest[] = [];
  return {
    requests,
    urls: { rest: 'https://api.fake.test', graphql: 'https://api.fake.test/public/graphql' },
    stats: emptyClientStats(),
    async rest<T>(request: RestRequest): Promise<T> {
      requests.push(request);
      if (request.path === '/api-tokens/self') {
        if (permissions === 'fail') throw new PantherApiError('AUTH', 'invalid API key', { status: 401 });
        return { id: 't1', name: 'test', permissions } as T;
      }
      if (request.path === '/things') return [{ id: 'a' }, { id: 'b' }, { id: 'c' }] as T;
      throw new PantherApiError('NOT_FOUND', `no ${request.path}`, { status: 404 });
    },
    async graphql<T>(): Promise<T> {
      throw new PantherApiError('UPSTREAM', 'no graphql here');
    },
    invalidate() {},
    async close() {},
  };
}
