/**
 * Characters per answer: a fixed set of tool calls against the sandbox (seed 1, 20,000 events), each measured as
 * the text the model reads (every text block of the result) and checked for the facts it must carry. The facts
 * come from the sandbox's own API, not from the answer: ids, names, counts and the values asked for. A fact is
 * present when it is one of the answer's values, whatever the shape (objects, tables, hoisted constants).
 */
import { estimateTokens } from '@mcp-panther/core';
import { ALERT_COLUMNS, alertRecord, type RestAlert } from '@mcp-panther/pack-alerts';
import { startSandbox } from '@mcp-panther/sandbox';
import { type SandboxApi, sandboxApi } from './sandboxApi.js';
import { connectStdio } from './targets.js';

type Json = Record<string, unknown>;
type Fact = string | number;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SELECT_ALL = "SELECT * FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('1 d') LIMIT 20";
const AGGREGATE =
  'SELECT eventName, COUNT(*) AS events, COUNT(DISTINCT sourceIPAddress) AS source_ips ' +
  "FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('1 d') GROUP BY eventName ORDER BY events DESC";

export interface Ids {
  /** The newest alert of list_alerts' default window. */
  readonly alertId: string;
  /** The first rule of list_detections' default page. */
  readonly ruleId: string;
}

/** The nine counted scenarios may take at most this share of their earlier total (0.4 = 40%). */
export const ANSWERS_TARGET = 0.4;

export interface AnswerScenario {
  readonly tool: string;
  readonly label: string;
  /** Characters on the commit before compact answers (measured the same way; see docs/benchmarks.md). */
  readonly before: number;
  /** One of the nine scenarios with a target (the aggregate query is reported beside them). */
  readonly counted: boolean;
  args(ids: Ids): Json;
  /** The values the answer must carry, read from the sandbox's API. */
  facts(api: SandboxApi, ids: Ids): Promise<Fact[]>;
}

export interface AnswerRow {
  readonly scenario: AnswerScenario;
  readonly characters: number;
  readonly tokens: number;
  readonly factsTotal: number;
  /** Facts not found among the answer's values (up to five, for the report). */
  readonly missing: readonly Fact[];
  readonly missingCount: number;
  /** Characters of the result's `_meta` as JSON (for clients; not text the model reads). */
  readonly metaCharacters: number;
  /** The structured result. */
  readonly value: unknown;
}

/** Every string and number under a value (keys excluded): what an answer says, whatever its shape. */
export function leaves(value: unknown, out: Fact[] = []): Fact[] {
  if (typeof value === 'string') {
    if (value !== '') out.push(value);
  } else if (typeof value === 'number') {
    out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) leaves(item, out);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) leaves(item, out);
  }
  return out;
}

const fields = (items: readonly Json[], keys: readonly string[]): Fact[] =>
  items.flatMap((item) =>
    keys.flatMap((key) => {
      const value = key.split('.').reduce<unknown>((node, part) => (node as Json | null)?.[part], item);
      return typeof value === 'string' || typeof value === 'number' ? [value] : [];
    }),
  );

/** list_alerts' default request: alerts of the last 7 days in whole hours, newest first, at least one event. */
function defaultAlertQuery(now: number): Record<string, string | number> {
  const hour = Math.floor(now / HOUR) * HOUR;
  return {
    type: 'ALERT',
    limit: 25,
    'sort-dir': 'desc',
    'created-after': new Date(hour - 7 * DAY).toISOString(),
    'created-before': new Date(hour + HOUR - 1000).toISOString(),
    'event-count-min': 1,
  };
}

const results = async (api: SandboxApi, path: string, query: Record<string, string | number> = {}) =>
  (await api.rest<{ results: Json[] }>(path, query)).results;

export const SCENARIOS: readonly AnswerScenario[] = [
  {
    tool: 'list_detections',
    label: 'default arguments',
    before: 36_221,
    counted: true,
    args: () => ({}),
    facts: async (api) =>
      // Panther's detection ids are names; display names and descriptions are asked for with `fields`.
      fields(await results(api, '/rules', { limit: 100 }), ['id', 'severity']),
  },
  {
    tool: 'query_data_lake',
    label: "SELECT * … p_occurs_since('1 d') LIMIT 20 on CloudTrail",
    before: 33_894,
    counted: true,
    args: () => ({ sql: SELECT_ALL }),
    facts: async (api) => leaves(await api.sql(SELECT_ALL)),
  },
  {
    tool: 'list_alerts',
    label: 'default arguments',
    before: 8_408,
    counted: true,
    args: () => ({}),
    facts: async (api) =>
      fields(
        (await results(api, '/alerts', defaultAlertQuery(Date.now()))).map((alert) =>
          alertRecord(alert as RestAlert),
        ),
        ALERT_COLUMNS,
      ),
  },
  {
    tool: 'get_table_schema',
    label: 'panther_logs.public aws_cloudtrail',
    before: 3_656,
    counted: true,
    args: () => ({ database_name: 'panther_logs.public', table_name: 'aws_cloudtrail' }),
    facts: async (api) => {
      const { dataLakeDatabaseTable: table } = await api.graphql<{
        dataLakeDatabaseTable: { columns: Json[] };
      }>(
        'query T($input: DataLakeDatabaseTableInput!) { dataLakeDatabaseTable(input: $input) { columns { name type description } } }',
        { input: { databaseName: 'panther_logs.public', tableName: 'aws_cloudtrail' } },
      );
      return fields(table.columns, ['name', 'type', 'description']);
    },
  },
  {
    tool: 'list_log_type_schemas',
    label: 'default arguments',
    before: 3_406,
    counted: true,
    args: () => ({}),
    facts: async (api) => {
      const { schemas } = await api.graphql<{ schemas: { edges: { node: Json }[] } }>(
        'query S($input: SchemasInput!) { schemas(input: $input) { edges { node { name description } } } }',
        { input: { isArchived: false } },
      );
      return fields(
        schemas.edges.map((edge) => edge.node),
        ['name', 'description'],
      );
    },
  },
  {
    tool: 'list_users',
    label: 'default arguments',
    before: 3_405,
    counted: true,
    args: () => ({}),
    facts: async (api) =>
      fields(await results(api, '/users', { limit: 60 }), ['id', 'email', 'role.name', 'status']),
  },
  {
    tool: 'get_alert_events',
    label: 'the newest alert',
    before: 1_349,
    counted: true,
    args: (ids) => ({ alert_id: ids.alertId }),
    facts: async (api, ids) => leaves(await results(api, `/alerts/${ids.alertId}/events`, { limit: 10 })),
  },
  {
    tool: 'get_detection',
    label: 'the first rule',
    before: 1_237,
    counted: true,
    args: (ids) => ({ detection_id: ids.ruleId }),
    facts: async (api, ids) => leaves(await api.rest<Json>(`/rules/${encodeURIComponent(ids.ruleId)}`)),
  },
  {
    tool: 'get_alert',
    label: 'the newest alert',
    before: 1_219,
    counted: true,
    args: (ids) => ({ alert_id: ids.alertId }),
    facts: async (api, ids) => leaves(await api.rest<Json>(`/alerts/${ids.alertId}`)),
  },
  {
    tool: 'query_data_lake',
    label: 'aggregate: CloudTrail events and source IPs per eventName, last day',
    before: 2_660,
    counted: false,
    args: () => ({ sql: AGGREGATE }),
    facts: async (api) => leaves(await api.sql(AGGREGATE)),
  },
];

const key = (fact: Fact) => `${typeof fact}:${fact}`;

/** The facts (deduplicated) that are not among the answer's values. */
export function missingFacts(answer: unknown, facts: readonly Fact[]): { total: number; missing: Fact[] } {
  const values = new Set(leaves(answer).map(key));
  const unique = [...new Map(facts.map((fact) => [key(fact), fact])).values()];
  return { total: unique.length, missing: unique.filter((fact) => !values.has(key(fact))) };
}

/** The characters of every text block the model reads, and the answer's value (the JSON block). */
function readAnswer(result: Record<string, unknown>): { text: string; value: unknown } {
  const blocks = ((result['content'] ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? '');
  const text = blocks.join('');
  if (result['isError']) throw new Error(`the call failed: ${text}`);
  return { text, value: JSON.parse(blocks[0] ?? 'null') };
}

/** The alert and the rule the scenarios ask about, read from the sandbox's API. */
export async function scenarioIds(api: SandboxApi): Promise<Ids> {
  const [alert] = await results(api, '/alerts', defaultAlertQuery(Date.now()));
  const [rule] = await results(api, '/rules', { limit: 100 });
  if (!alert || !rule) throw new Error('the sandbox has no alert or no rule to ask about');
  return { alertId: String(alert['id']), ruleId: String(rule['id']) };
}

/**
 * Runs every scenario once against a fresh sandbox (seed 1, 20,000 events) through the built host over stdio,
 * with the default configuration or the one at `configPath`.
 */
export async function answerSizes(
  scenarios: readonly AnswerScenario[] = SCENARIOS,
  configPath?: string,
): Promise<AnswerRow[]> {
  const sandbox = await startSandbox({ seed: 1 });
  const api = sandboxApi({ url: sandbox.url, graphqlUrl: sandbox.graphqlUrl, token: sandbox.tokens.admin });
  const target = await connectStdio({
    kind: 'host',
    upstreamUrl: sandbox.url,
    upstreamToken: sandbox.tokens.admin,
    ...(configPath === undefined ? {} : { configPath }),
  });
  try {
    const ids = await scenarioIds(api);
    const rows: AnswerRow[] = [];
    for (const scenario of scenarios) {
      const result = await target.client.callTool({ name: scenario.tool, arguments: scenario.args(ids) });
      const answer = readAnswer(result);
      const { total, missing } = missingFacts(answer.value, await scenario.facts(api, ids));
      rows.push({
        scenario,
        characters: answer.text.length,
        tokens: estimateTokens(answer.text),
        factsTotal: total,
        missing: missing.slice(0, 5),
        missingCount: missing.length,
        metaCharacters: result['_meta'] === undefined ? 0 : JSON.stringify(result['_meta']).length,
        value: result['structuredContent'],
      });
    }
    return rows;
  } finally {
    await target.close();
    await sandbox.close();
  }
}
