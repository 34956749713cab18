import fc from 'fast-check';
import {
  type GraphQLInputType,
  type GraphQLList,
  type GraphQLNonNull,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxContext } from '../context.js';
import { buildSandboxSchema } from '../graphql/handler.js';
import { restRoutes } from '../rest/index.js';
import { startTestSandbox, type TestSandbox } from '../testing/harness.js';
import { findIllFormedString, loneSurrogate } from './readBody.js';

// Malformed input at the request edge is a 4xx with a message, never a 500 and never a GraphQL
// INTERNAL_SERVER_ERROR: a property over every REST route and every GraphQL root field, plus the known cases.

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ events: 500, seed: 3 });
});
afterAll(async () => {
  await sb.close();
});

const SEED = 20_240_611;
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

interface Raw {
  status: number;
  text: string;
}

async function raw(method: string, path: string, body?: string | Uint8Array): Promise<Raw> {
  const response = await fetch(`${sb.url}${path}`, {
    method,
    headers: { 'X-API-Key': sb.tokens.admin, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, text: await response.text() };
}

/** A 4xx carries a JSON message; nothing is a 5xx. */
function expectHandled(answer: Raw, what: string): void {
  expect(answer.status, `${what} → ${answer.status} ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status >= 400) {
    const body = JSON.parse(answer.text) as { message?: unknown };
    expect(typeof body.message, what).toBe('string');
  }
}

/** Strings a careless client or a hostile one sends: lone surrogates, controls, quotes, long runs. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    'x\uD800y',
    '\uDC00',
    'a\uDBFF',
    '\uD800\uD800',
    '\u0000',
    "'; DROP TABLE t; --",
    '%',
    '..',
  ),
  fc.string({ minLength: 1000, maxLength: 5000 }),
);

const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const FIELDS = [
  'ids',
  'status',
  'assignee',
  'alertId',
  'body',
  'format',
  'id',
  'enabled',
  'severity',
  'tags',
  'tests',
  'logTypes',
  'detection',
  'displayName',
  'dedupPeriodMinutes',
  'threshold',
  'inlineFilters',
];
const QUERY_NAMES = [
  'limit',
  'cursor',
  'created-after',
  'created-before',
  'severity',
  'status',
  'ids',
  'alert-id',
  'name',
  'email',
  'state',
  'sort-dir',
  'type',
  'include-python',
];

const ROUTES = restRoutes({} as SandboxContext).map((route) => ({ method: route.method, path: route.path }));

describe('sandbox request edge', () => {
  it('names the lone surrogate of update_alert_assignee alert_ids (400, not 500)', async () => {
    const users = await sb.rest('/users');
    const answer = await raw(
      'PATCH',
      '/alerts',
      JSON.stringify({ ids: ['x\uD800y'], assignee: users.json.results[0].id }),
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).message).toBe(
      'Request body field ids[0] is not well-formed Unicode: it holds a lone surrogate (\\uD800 at character 1).',
    );
  });

  it.each([
    [
      'bytes that are not UTF-8',
      Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      400,
      'not valid UTF-8',
    ],
    ['text that is not JSON', '{"ids": [', 400, 'not valid JSON'],
    ['a lone surrogate in a key', '{"\\udc00": 1}', 400, 'key of the top-level object'],
    ['a nested lone surrogate', '{"a": {"b": [1, "\\ud800"]}}', 400, 'field a.b[1]'],
    ['a body over 1 MiB', JSON.stringify({ body: 'x'.repeat(1_100_000) }), 413, 'too large'],
    ['100,000 levels of nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 400, 'JSON object'],
  ])('answers %s with a message', async (_name, body, status, words) => {
    const answer = await raw('PATCH', '/alerts', body);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.text).message).toContain(words);
  });

  it('answers 400 naming the path parameter that is not valid percent-encoded UTF-8', async () => {
    for (const segment of ['%ED%A0%80', '%FF', '%E0%A4']) {
      const answer = await raw('GET', `/alerts/x${segment}`);
      expect(answer.status, segment).toBe(400);
      expect(JSON.parse(answer.text).message).toBe(
        'The path parameter id is not valid percent-encoded UTF-8',
      );
    }
  });

  it('answers a GraphQL request with malformed variables with 400 and errors[]', async () => {
    const response = await fetch(sb.graphqlUrl, {
      method: 'POST',
      headers: { 'X-API-Key': sb.tokens.admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation($i: UpdateAlertStatusByIdInput!) { updateAlertStatusById(input: $i) { alerts { id } } }',
        variables: { i: { ids: ['x\uD800'], status: 'OPEN' } },
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(body.errors[0]?.message).toContain('field variables.i.ids[0]');
  });

  it(`every REST route: fuzzed bodies, path parameters and query strings never give a 5xx (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), anyJson, { maxKeys: 5 }), anyJson),
        nastyString,
        fc.array(fc.tuple(fc.constantFrom(...QUERY_NAMES), nastyString), { maxLength: 3 }),
        async (route, body, param, query) => {
          // encodeURIComponent refuses lone surrogates; their UTF-8 bytes are sent as a client would mangle them.
          const segment = loneSurrogate(param) ? '%ED%A0%80' : encodeURIComponent(param);
          const path = route.path.replace(/\{[a-z]+\}/gi, segment || 'x');
          const search = new URLSearchParams(
            query.map(([k, v]): [string, string] => [
              k,
              loneSurrogate(v) ? v.replace(/[\uD800-\uDFFF]/g, '\uFFFD') : v,
            ]),
          );
          const text = JSON.stringify(body) ?? 'null';
          const answer = await raw(
            route.method,
            `${path}${search.size > 0 ? `?${search}` : ''}`,
            route.method === 'GET' || route.method === 'DELETE' ? undefined : text,
          );
          expectHandled(answer, `${route.method} ${path} ${text.slice(0, 200)}`);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`every GraphQL root field: fuzzed variables never give a 5xx or INTERNAL_SERVER_ERROR (${RUNS} runs)`, async () => {
    const schema = buildSandboxSchema();
    const roots = [schema.getQueryType(), schema.getMutationType()].filter(
      (t): t is GraphQLObjectType => t !== null && t !== undefined,
    );
    const fields = roots.flatMap((root) =>
      Object.values(root.getFields()).map((field) => ({
        root: root === schema.getQueryType() ? 'query' : 'mutation',
        field,
      })),
    );
    expect(fields.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...fields.keys())
          .chain((index) =>
            fc
              .tuple(...(fields[index]?.field.args ?? []).map((arg) => variableValue(arg.type, 0)))
              .map((values) => ({ name: fields[index]?.field.name, index, values })),
          ),
        async ({ index, values }) => {
          const { root, field } = fields[index] as (typeof fields)[number];
          const defs = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
          const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
          const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
          const query = `${root}${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
          const variables = Object.fromEntries(field.args.map((arg, i) => [arg.name, values[i]]));
          const response = await fetch(sb.graphqlUrl, {
            method: 'POST',
            headers: { 'X-API-Key': sb.tokens.admin, 'Content-Type': 'application/json' },
            body: JSON.stringify({ query, variables }),
          });
          const text = await response.text();
          const what = `${query} ${JSON.stringify(variables).slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, what).toBeLessThan(500);
          const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
          for (const error of body.errors ?? []) {
            expect(error.extensions?.code, what).not.toBe('INTERNAL_SERVER_ERROR');
            expect(error.message.length, what).toBeGreaterThan(0);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/** A value of roughly the variable's type, with malformed leaves (and sometimes the wrong type altogether). */
function variableValue(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return variableValue((type as GraphQLNonNull<GraphQLInputType>).ofType, depth);
  if (isListType(type)) {
    return fc.array(variableValue((type as GraphQLList<GraphQLInputType>).ofType, depth + 1), {
      maxLength: 3,
    });
  }
  const named = getNamedType(type);
  const wrong = fc.oneof(nastyString, fc.integer(), fc.constant(null));
  if (isEnumType(named)) {
    return fc.oneof(fc.constantFrom(...named.getValues().map((v) => v.name)), wrong);
  }
  if (isInputObjectType(named)) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(named.getFields());
    return fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          Object.fromEntries(fields.map((f) => [f.name, variableValue(f.type, depth + 1)])),
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: wrong },
    );
  }
  switch (named.name) {
    case 'Int':
    case 'Long':
      return fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER), wrong);
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true }), wrong);
    case 'Boolean':
      return fc.oneof(fc.boolean(), wrong);
    case 'JSON':
      return anyJson;
    case 'DateTime':
    case 'Timestamp':
      return fc.oneof(
        fc.constantFrom('2024-03-20T00:00:00Z', '2024-02-30T00:00:00Z', 'yesterday', ''),
        nastyString,
      );
    default:
      return nastyString;
  }
}

describe('findIllFormedString', () => {
  it('finds lone surrogates anywhere, and accepts pairs', () => {
    expect(findIllFormedString({ a: ['ok', '😀', { b: 'x\uDC00' }] })).toMatchObject({
      where: 'field a[2].b',
      index: 1,
      unit: 0xdc00,
    });
    expect(findIllFormedString({ ok: ['😀', 'plain'] })).toBeUndefined();
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let deep: unknown = 'x\uD800';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findIllFormedString(deep)?.unit).toBe(0xd800);
  });
});
