/** Rules, scheduled rules, simple rules and policies: list with filters, get, and PUT (full replace). */
import type { Permission } from '../auth/permissions.js';
import type { SandboxContext } from '../context.js';
import { tokenActor } from '../context.js';
import { simpleRulePython } from '../generate/library.js';
import { badRequest, HttpError } from '../server/respond.js';
import type { Route } from '../server/router.js';
import { SEVERITIES } from '../services/alerts.js';
import type { Doc } from '../store/types.js';
import { DocFilter, getDoc, listDocs } from './objects.js';
import { objectBody, Params } from './params.js';

type Kind = 'rules' | 'scheduled-rules' | 'simple-rules' | 'policies';

const LABEL: Record<Kind, string> = {
  rules: 'Rule',
  'scheduled-rules': 'Scheduled rule',
  'simple-rules': 'Simple rule',
  policies: 'Policy',
};

/** Fields a client may write, per kind (everything else in a PUT body is read-only and ignored). */
const COMMON = ['displayName', 'description', 'severity', 'enabled', 'tags', 'reports', 'outputIDs', 'tests'];
const RULE = ['runbook', 'dedupPeriodMinutes', 'threshold', 'summaryAttributes'];
const WRITABLE: Record<Kind, string[]> = {
  rules: [...COMMON, ...RULE, 'body', 'logTypes', 'inlineFilters', 'createAlert'],
  'scheduled-rules': [...COMMON, ...RULE, 'body', 'scheduledQueries'],
  'simple-rules': [
    ...COMMON,
    ...RULE,
    'detection',
    'logTypes',
    'inlineFilters',
    'alertTitle',
    'alertContext',
    'dynamicSeverities',
    'groupBy',
  ],
  policies: [...COMMON, 'body', 'resourceTypes', 'suppressions'],
};

function permissions(kind: Kind): { read: Permission; modify: Permission } {
  return kind === 'policies'
    ? { read: 'PolicyRead', modify: 'PolicyModify' }
    : { read: 'RuleRead', modify: 'RuleModify' };
}

export function detectionRoutes(ctx: SandboxContext): Route[] {
  return (['rules', 'scheduled-rules', 'simple-rules', 'policies'] as const).flatMap((kind) =>
    routesFor(ctx, kind),
  );
}

function routesFor(ctx: SandboxContext, kind: Kind): Route[] {
  const { read, modify } = permissions(kind);
  return [
    {
      method: 'GET',
      path: `/${kind}`,
      anyOf: [read],
      handler({ query }) {
        const p = new Params(query);
        const filter = new DocFilter()
          .contains(p.string('name-contains'), '$.id', '$.displayName')
          .oneOf(p.manyOf('severity', SEVERITIES, { caseInsensitive: true }), '$.severity')
          .overlaps(p.strings('tag'), '$.tags', { caseInsensitive: true })
          .equals(p.string('created-by'), '$.createdBy.id')
          .equals(p.string('last-modified-by'), '$.lastModifiedBy.id');
        const state = p.oneOf('state', ['enabled', 'disabled'] as const);
        if (state !== undefined) filter.equals(state === 'enabled' ? 'true' : 'false', '$.enabled');
        if (kind === 'rules' || kind === 'simple-rules') filter.overlaps(p.strings('log-type'), '$.logTypes');
        if (kind === 'scheduled-rules') filter.overlaps(p.strings('scheduled-query'), '$.scheduledQueries');
        if (kind === 'policies') {
          filter.overlaps(p.strings('resource-type'), '$.resourceTypes');
          filter.equals(
            p.oneOf('compliance-status', ['PASS', 'FAIL', 'ERROR'] as const),
            '$.complianceStatus',
          );
        }
        const python = kind === 'simple-rules' && p.bool('include-python') === true;
        return listDocs(ctx, kind, p, filter, {
          defaultLimit: 100,
          maxLimit: 1000,
          view: (doc) => (python ? { ...doc, pythonBody: simpleRulePython(doc as Doc) } : doc),
        });
      },
    },
    {
      method: 'GET',
      path: `/${kind}/{id}`,
      anyOf: [read],
      async handler({ params, query }) {
        const doc = await getDoc(ctx, kind, params['id']!, LABEL[kind]);
        const python = kind === 'simple-rules' && new Params(query).bool('include-python') === true;
        return { status: 200, body: python ? { ...doc, pythonBody: simpleRulePython(doc) } : doc };
      },
    },
    {
      method: 'PUT',
      path: `/${kind}/{id}`,
      anyOf: [modify],
      async handler({ params, query, body, identity }) {
        const p = new Params(query);
        const runTestsFirst = p.bool('run-tests-first') ?? true;
        const runTestsOnly = p.bool('run-tests-only') ?? false;
        const id = params['id']!;
        const input = objectBody(body);
        if (input['id'] !== undefined && input['id'] !== id) {
          throw badRequest(`The body's id (${String(input['id'])}) does not match the path (${id})`);
        }
        const previous = await ctx.store.getObject(kind, id);
        const next = validate(kind, id, input, previous);
        if (runTestsFirst || runTestsOnly) runTests(next);
        if (runTestsOnly) return { status: 204 };
        const now = new Date().toISOString();
        const actor = tokenActor(identity);
        const doc: Doc = {
          ...next,
          id,
          managed: previous?.['managed'] ?? false,
          createdAt: previous?.['createdAt'] ?? now,
          createdBy: previous?.['createdBy'] ?? actor,
          createdByExternal: previous?.['createdByExternal'] ?? null,
          lastModified: now,
          lastModifiedBy: actor,
        };
        if (kind === 'policies') doc['complianceStatus'] = previous?.['complianceStatus'] ?? 'PASS';
        await ctx.store.putObject(kind, doc);
        return { status: previous === undefined ? 201 : 200, body: doc };
      },
    },
  ];
}

/** Keeps the writable fields, checks types and required fields; missing optional fields keep old values. */
function validate(kind: Kind, id: string, input: Record<string, unknown>, previous: Doc | undefined): Doc {
  const doc: Doc = { id };
  for (const field of WRITABLE[kind]) {
    if (input[field] !== undefined) doc[field] = input[field];
    else if (previous?.[field] !== undefined) doc[field] = previous[field];
  }
  const severity = doc['severity'];
  if (typeof severity !== 'string' || !SEVERITIES.includes(severity as (typeof SEVERITIES)[number])) {
    throw badRequest(`severity is required and must be one of ${SEVERITIES.join(', ')}`);
  }
  const source = kind === 'simple-rules' ? 'detection' : 'body';
  if (typeof doc[source] !== 'string' || (doc[source] as string).trim() === '') {
    throw badRequest(`${source} is required and must be a non-empty string`);
  }
  if (doc['enabled'] !== undefined && typeof doc['enabled'] !== 'boolean')
    throw badRequest('enabled must be a boolean');
  doc['enabled'] ??= true;
  for (const list of ['tags', 'logTypes', 'resourceTypes', 'scheduledQueries', 'outputIDs', 'suppressions']) {
    const value = doc[list];
    if (value !== undefined && (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))) {
      throw badRequest(`${list} must be an array of strings`);
    }
  }
  for (const int of ['dedupPeriodMinutes', 'threshold']) {
    const value = doc[int];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) {
      throw badRequest(`${int} must be an integer of at least 1`);
    }
  }
  if (doc['tests'] !== undefined && !Array.isArray(doc['tests'])) throw badRequest('tests must be an array');
  return doc;
}

/**
 * The sandbox cannot run Python, so "running the tests" checks what it can: every test has a name, a
 * boolean expected result and a resource that parses as JSON. Failures answer 400 with testResults.
 */
function runTests(doc: Doc): void {
  const tests = (doc['tests'] ?? []) as Record<string, unknown>[];
  const results = tests.map((test, i) => {
    const name = typeof test['name'] === 'string' ? test['name'] : `test ${i + 1}`;
    let error: string | undefined;
    if (typeof test['expectedResult'] !== 'boolean') error = 'expectedResult must be a boolean';
    else if (typeof test['resource'] !== 'string') error = 'resource must be a JSON string';
    else {
      try {
        JSON.parse(test['resource']);
      } catch {
        error = 'resource is not valid JSON';
      }
    }
    return {
      name,
      passed: error === undefined,
      errored: error !== undefined,
      triggerAlert: test['expectedResult'] === true,
      error: error === undefined ? null : { code: 'INVALID_TEST', message: error },
      functions: {},
    };
  });
  if (results.some((r) => !r.passed)) {
    throw new HttpError(400, 'Unit tests failed', { testResults: results });
  }
}
