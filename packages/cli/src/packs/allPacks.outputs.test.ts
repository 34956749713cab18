/**
 * Every tool of the four first-party packs, called once on the sandbox through the real host in read-write mode:
 * each answers, its text is the JSON of its structured content, and a tool that declares an outputSchema returns
 * structured content that validates against that JSON Schema (checked here with the SDK's own validator) — also
 * when the host cuts the result to a small output budget. Ids come from the tools themselves.
 */
import { createTestHost, recordsOf, type TestHost } from '@mcp-panther/core/testing';
import { type Sandbox, startSandbox } from '@mcp-panther/sandbox';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PACKS } from './testdata/allPacks.js';
import { ALL_TOOLS } from './testdata/referenceTools.js';

// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field.
type Result = Record<string, any>;

const validator = new AjvJsonSchemaValidator();

let sandbox: Sandbox;
const hosts: TestHost[] = [];

async function hostWith(output?: { maxTokens: number }): Promise<TestHost> {
  const host = await createTestHost({
    packs: ALL_PACKS,
    panther: { url: sandbox.url, token: sandbox.tokens.admin },
    policy: { mode: 'read-write' },
    ...(output ? { config: { output } } : {}),
  });
  hosts.push(host);
  return host;
}

beforeAll(async () => {
  sandbox = await startSandbox({ events: 2_000, seed: 3 });
}, 120_000);

afterAll(async () => {
  for (const host of hosts) await host.close();
  await sandbox?.close();
});

/** Calls a tool and checks its answer against what it declares; returns the structured content. */
async function checked(
  host: TestHost,
  tools: Map<string, Tool>,
  name: string,
  args: Result = {},
): Promise<Result> {
  const result = await host.call(name, args);
  const texts = (result.content as { type: string; text: string }[]).map((c) => c.text);
  expect(result.isError, `${name}: ${texts.join('\n')}`).toBeFalsy();
  expect(JSON.parse(texts[0]!), name).toEqual(result.structuredContent);
  const schema = tools.get(name)?.outputSchema;
  if (schema) {
    const verdict = validator.getValidator(schema as JsonSchemaType)(result.structuredContent);
    expect(verdict.valid ? '' : verdict.errorMessage, `${name} against its outputSchema`).toBe('');
  }
  return result.structuredContent as Result;
}

describe('all 37 tools on the sandbox', () => {
  it('answer, and every declared outputSchema validates the structured content', async () => {
    const host = await hostWith();
    const listed = (await host.client.listTools()).tools;
    expect(listed.map((t) => t.name).sort()).toEqual(ALL_TOOLS);
    const tools = new Map(listed.map((t) => [t.name, t]));
    const called = new Set<string>();
    const call = async (name: string, args: Result = {}) => {
      called.add(name);
      return checked(host, tools, name, args);
    };

    // Reads first, discovering the ids the other calls need.
    const alerts = recordsOf((await call('list_alerts', { page_size: 5 }))['alerts']);
    const alertId = alerts[0]!['id'] as string;
    await call('get_alert', { alert_id: alertId });
    await call('get_alert_events', { alert_id: alertId });
    await call('list_alert_comments', { alert_id: alertId });
    await call('get_severity_alert_metrics');
    await call('get_rule_alert_metrics');
    await call('query_data_lake', {
      sql: "SELECT eventName, COUNT(*) AS n FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('7 d') GROUP BY 1",
    });
    await call('get_alert_event_stats', { alert_ids: [alertId] });
    await call('list_databases');
    await call('list_database_tables', { database: 'panther_logs.public' });
    await call('get_table_schema', { database_name: 'panther_logs.public', table_name: 'aws_cloudtrail' });
    const queries = (await call('list_scheduled_queries'))['queries'] as Result[];
    await call('get_scheduled_query', { query_id: queries[0]!['id'] });
    await call('list_log_type_schemas');
    await call('get_log_type_schema_details', { schema_names: ['AWS.CloudTrail'] });
    const rules = recordsOf((await call('list_detections', { limit: 5 }))['rules']);
    const ruleId = rules[0]!['id'] as string;
    await call('get_detection', { detection_id: ruleId });
    const helpers = (await call('list_global_helpers'))['global_helpers'] as Result[];
    await call('get_global_helper', { helper_id: helpers[0]!['id'] });
    const models = (await call('list_data_models'))['data_models'] as Result[];
    await call('get_data_model', { data_model_id: models[0]!['id'] });
    const users = recordsOf((await call('list_users'))['users']);
    const userId = users[0]!['id'] as string;
    await call('get_user', { user_id: userId });
    const roles = (await call('list_roles'))['roles'] as Result[];
    await call('get_role', { role_id: roles[0]!['id'] });
    await call('get_permissions');
    const sources = (await call('list_log_sources', { integration_type: 'http-ingest' }))[
      'sources'
    ] as Result[];
    await call('get_http_log_source', { source_id: sources[0]!['integrationId'] });
    await call('get_bytes_processed_per_log_type_and_source');

    // Then the writes and the AI triage.
    await call('update_alert_status', { alert_ids: [alertId], status: 'TRIAGED' });
    await call('update_alert_assignee', { alert_ids: [alertId], assignee_id: userId });
    await call('add_alert_comment', { alert_id: alertId, comment: 'Checked by the registry test' });
    await call('bulk_update_alerts', { alert_ids: [alertId], status: 'OPEN' });
    await call('start_ai_alert_triage', { alert_id: alertId });
    await call('get_ai_alert_triage_summary', { alert_id: alertId });
    await call('disable_detection', { detection_id: ruleId });
    await call('save_query', {
      name: 'Registry test hunt',
      sql: "SELECT eventName FROM panther_logs.public.aws_cloudtrail WHERE p_occurs_since('1 d')",
    });

    expect([...called].sort()).toEqual(ALL_TOOLS);
  });

  it('still validate when the host cuts the result to a small budget', async () => {
    const host = await hostWith({ maxTokens: 500 });
    const tools = new Map((await host.client.listTools()).tools.map((t) => [t.name, t]));
    const result = await host.call('list_alerts', { page_size: 50 });
    const note = (result.content as { text: string }[])[1]?.text ?? '';
    expect(note).toMatch(/^Result cut to fit 500 tokens: left out \d+ of \d+ items of alerts\.rows\./);
    const page = await checked(host, tools, 'list_alerts', { page_size: 50 });
    expect(page['alerts'].rows.length).toBeLessThan(50);
    expect(page['next_cursor']).toMatch(/^resume1\./);
    const next = await checked(host, tools, 'list_alerts', { page_size: 50, cursor: page['next_cursor'] });
    expect(next['alerts'].rows[0][0]).not.toBe(page['alerts'].rows[0][0]);
  });
});
