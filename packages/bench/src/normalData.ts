/**
 * Every string of the sandbox's normal data, read through its API: the events of the four log tables (the
 * generated events and the attack stories) and the platform objects a tool can return (alerts and their
 * comments, detections with their bodies, users, roles, helpers, data models, saved queries, log sources,
 * schemas). What the injection detector must not flag.
 */
import type { SandboxApi } from './sandboxApi.js';

type Json = Record<string, unknown>;

export interface NormalString {
  /** `aws_cloudtrail`, `alerts`, `rules`… */
  readonly source: string;
  /** The row or object it came from (its `p_row_id` or `id`). */
  readonly id: string;
  /** Where in it: `userAgent`, `requestParameters.key`, `body`… */
  readonly path: string;
  readonly value: string;
}

export const LOG_TABLES = ['aws_cloudtrail', 'aws_vpcflow', 'okta_systemlog', 'github_audit'] as const;
const QUERY = 'mutation Q($input: ExecuteDataLakeQueryInput!) { executeDataLakeQuery(input: $input) { id } }';
const RESULTS =
  'query R($id: ID!, $cursor: String) { dataLakeQuery(id: $id) { status message results(input: { pageSize: 999, cursor: $cursor }) { edges { node } pageInfo { hasNextPage endCursor } } } }';

/** Every string under `value` with its path (`a.b[2].c`); JSON text is read as the object it holds. */
export function stringsOf(value: unknown, path = '', out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') {
    const trimmed = value.trimStart();
    if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && value.length > 1) {
      try {
        return stringsOf(JSON.parse(value), path, out);
      } catch {
        // Not JSON after all: a string like any other.
      }
    }
    out.push([path, value]);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      stringsOf(item, `${path}[${i}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) stringsOf(item, path ? `${path}.${key}` : key, out);
  }
  return out;
}

interface ResultsPage {
  status: string;
  message: string;
  results: { edges: { node: Json }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
}

/** All rows of a SQL query, every page. */
export async function allRows(api: SandboxApi, sql: string): Promise<Json[]> {
  const run = await api.graphql<{ executeDataLakeQuery: { id: string } }>(QUERY, {
    input: { sql, databaseName: 'panther_logs.public' },
  });
  const id = run.executeDataLakeQuery.id;
  const rows: Json[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 5_000; i++) {
    const answer: { dataLakeQuery: ResultsPage } = await api.graphql(RESULTS, { id, cursor });
    const query = answer.dataLakeQuery;
    if (query.status === 'running') {
      await new Promise((r) => setTimeout(r, 10));
      continue;
    }
    if (query.status !== 'succeeded' || query.results === null) throw new Error(`${sql}: ${query.message}`);
    rows.push(...query.results.edges.map((edge) => edge.node));
    if (!query.results.pageInfo.hasNextPage) return rows;
    cursor = query.results.pageInfo.endCursor;
  }
  throw new Error(`${sql}: more than 5,000 polls`);
}

async function restPages(api: SandboxApi, path: string, query: Record<string, string | number> = {}) {
  const out: Json[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1_000; i++) {
    const page = await api.rest<{ results: Json[]; next: string | null }>(path, { ...query, cursor });
    out.push(...page.results);
    if (!page.next) return out;
    cursor = page.next;
  }
  throw new Error(`${path}: more than 1,000 pages`);
}

function add(out: NormalString[], source: string, items: readonly Json[], idKey = 'id'): void {
  for (const item of items) {
    const id = String(item[idKey] ?? '');
    for (const [path, value] of stringsOf(item)) out.push({ source, id, path, value });
  }
}

/** The events of the four log tables, except the rows `exclude` names (the adversarial corpus). */
export async function normalEvents(
  api: SandboxApi,
  exclude: ReadonlySet<string> = new Set(),
): Promise<NormalString[]> {
  const out: NormalString[] = [];
  for (const table of LOG_TABLES) {
    const rows = await allRows(api, `SELECT * FROM panther_logs.public.${table}`);
    add(
      out,
      table,
      rows.filter((row) => !exclude.has(String(row['p_row_id']))),
      'p_row_id',
    );
  }
  return out;
}

/** The platform objects, except the alerts, comments, users and sources `exclude` names. */
export async function normalObjects(
  api: SandboxApi,
  exclude: ReadonlySet<string> = new Set(),
): Promise<NormalString[]> {
  const out: NormalString[] = [];
  const keep = (items: Json[]) => items.filter((item) => !exclude.has(String(item['id'])));
  const alerts: Json[] = [];
  for (const type of ['ALERT', 'DETECTION_ERROR', 'SYSTEM_ERROR']) {
    alerts.push(
      ...(await restPages(api, '/alerts', { type, limit: 50, 'created-after': '2000-01-01T00:00:00Z' })),
    );
  }
  add(out, 'alerts', keep(alerts));
  for (const alert of keep(alerts)) {
    add(
      out,
      'comments',
      keep(await restPages(api, '/alert-comments', { 'alert-id': String(alert['id']), limit: 50 })),
    );
  }
  for (const kind of [
    'rules',
    'scheduled-rules',
    'simple-rules',
    'policies',
    'globals',
    'data-models',
    'queries',
  ]) {
    add(out, kind, await restPages(api, `/${kind}`, { limit: 100 }));
  }
  add(out, 'users', keep(await restPages(api, '/users', { limit: 60 })));
  add(out, 'roles', await restPages(api, '/roles', { limit: 60 }));
  const { sources } = await api.graphql<{ sources: { edges: { node: Json }[] } }>(
    '{ sources { edges { node { integrationId integrationLabel integrationType logTypes } } } }',
  );
  add(
    out,
    'sources',
    sources.edges.map((edge) => edge.node).filter((node) => !exclude.has(String(node['integrationId']))),
    'integrationId',
  );
  const { schemas } = await api.graphql<{ schemas: { edges: { node: Json }[] } }>(
    'query S($input: SchemasInput!) { schemas(input: $input) { edges { node { name description spec referenceURL } } } }',
    { input: {} },
  );
  add(
    out,
    'schemas',
    schemas.edges.map((edge) => edge.node),
    'name',
  );
  return out;
}
