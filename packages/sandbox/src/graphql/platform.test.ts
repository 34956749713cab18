import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../testing/harness.js';
import { CLIENT_DOCUMENTS as D } from './clientDocuments.js';

let sb: TestSandbox;
// biome-ignore lint/suspicious/noExplicitAny: GraphQL JSON
type Json = any;
const week = () => ({
  createdAtAfter: new Date(Date.now() - 7 * 86_400_000).toISOString(),
  createdAtBefore: new Date().toISOString(),
});

beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});

describe('GraphQL alerts', () => {
  it('lists alerts in a window, with origins and events', async () => {
    const answer = await sb.gql<Json>(D.ListAlerts!, { input: { ...week(), pageSize: 5 } });
    expect(answer.errors).toBeUndefined();
    const { edges, pageInfo } = answer.data.alerts;
    expect(edges).toHaveLength(5);
    expect(pageInfo.hasNextPage).toBe(true);
    expect(edges[0].node.origin.id).toEqual(expect.any(String));
    const next = await sb.gql<Json>(D.ListAlerts!, {
      input: { ...week(), pageSize: 5, cursor: pageInfo.endCursor },
    });
    expect(next.data.alerts.edges[0].node.id).not.toBe(edges[0].node.id);
    const missing = await sb.gql(D.ListAlerts!, { input: { pageSize: 5 } });
    expect(missing.errors![0]!.message).toMatch(/detectionId/);
    const events = await sb.gql<Json>(
      'query($id: ID!) { alert(id: $id) { events(input: {pageSize: 2}) { edges { node } pageInfo { hasNextPage } } } }',
      { id: edges[0].node.id },
    );
    expect(events.data.alert.events.edges[0].node.p_alert_id).toBe(edges[0].node.id);
  });

  it('updates status and assignee, by id and by email, and comments', async () => {
    const [alert] = (await sb.gql<Json>(D.ListAlerts!, { input: { ...week(), pageSize: 1 } })).data.alerts
      .edges;
    const id = alert.node.id;
    const status = await sb.gql<Json>(
      D.UpdateAlertStatus!,
      { input: { ids: [id], status: 'CLOSED' } },
      'responder',
    );
    expect(status.data.updateAlertStatusById.alerts[0].status).toBe('CLOSED');
    const users = (await sb.gql<Json>('{ users { id email } }')).data.users;
    const byId = await sb.gql<Json>(D.UpdateAlertsAssigneeById!, {
      input: { ids: [id], assigneeId: users[0].id },
    });
    expect(byId.data.updateAlertsAssigneeById.alerts[0].assignee.email).toBe(users[0].email);
    const byEmail = await sb.gql<Json>(
      'mutation($input: UpdateAlertsAssigneeByEmailInput!) { updateAlertsAssigneeByEmail(input: $input) { alerts { assignee { id } } } }',
      { input: { ids: [id], assigneeEmail: users[1].email } },
    );
    expect(byEmail.data.updateAlertsAssigneeByEmail.alerts[0].assignee.id).toBe(users[1].id);
    const comment = await sb.gql<Json>(D.CreateAlertComment!, { input: { alertId: id, body: 'checked' } });
    expect(comment.data.createAlertComment.comment).toMatchObject({ body: 'checked', format: 'PLAIN_TEXT' });
    const rest = (await sb.rest(`/alerts/${id}`)).json;
    expect(rest).toMatchObject({ status: 'CLOSED', assignee: { id: users[1].id } });
    const denied = await sb.gql(D.UpdateAlertStatus!, { input: { ids: [id], status: 'OPEN' } }, 'analyst');
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const unknown = await sb.gql(D.UpdateAlertStatus!, { input: { ids: ['nope'], status: 'OPEN' } });
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});

describe('GraphQL users, roles and settings', () => {
  it('reads users and roles', async () => {
    const users = await sb.gql<Json>('{ users { id email role { name permissions } } }');
    expect(users.data.users.length).toBeGreaterThan(5);
    const email = users.data.users[0].email;
    const one = await sb.gql<Json>('query($e: String!) { userByEmail(email: $e) { id } }', {
      e: email.toUpperCase(),
    });
    expect(one.data.userByEmail.id).toBe(users.data.users[0].id);
    const roles = await sb.gql<Json>('{ roles(input: {sortDir: descending}) { name logTypeAccessKind } }');
    const names = roles.data.roles.map((r: Json) => r.name);
    expect(names).toEqual([...names].sort().reverse());
    expect((await sb.gql<Json>('{ roleByName(name: "admin") { name } }')).data.roleByName.name).toBe('Admin');
    expect((await sb.gql(D.GeneralSettings!, {}, 'noAccess')).errors).toBeUndefined();
  });
});

describe('GraphQL sources and schemas', () => {
  it('lists S3 and other sources, some unhealthy', async () => {
    const answer = await sb.gql<Json>(D.Sources!, { input: {} });
    const nodes = answer.data.sources.edges.map((e: Json) => e.node);
    expect(nodes.some((n: Json) => n.integrationType === 'aws-s3' && n.s3Bucket)).toBe(true);
    expect(nodes.some((n: Json) => n.integrationType === 'http-ingest' && n.s3Bucket === undefined)).toBe(
      true,
    );
    expect(nodes.some((n: Json) => n.isHealthy === false)).toBe(true);
    const typed = await sb.gql<Json>('{ sources { edges { node { __typename } } } }');
    expect(new Set(typed.data.sources.edges.map((e: Json) => e.node.__typename))).toEqual(
      new Set(['S3LogIntegration', 'GenericLogIntegration']),
    );
  });

  it('filters schemas by name or field, archive state and management', async () => {
    const all = (await sb.gql<Json>(D.ListSchemas!, { input: {} })).data.schemas.edges;
    const archived = (await sb.gql<Json>(D.ListSchemas!, { input: { isArchived: true } })).data.schemas.edges;
    expect(archived.length).toBeGreaterThan(0);
    expect(archived.length).toBeLessThan(all.length);
    expect(archived.every((e: Json) => e.node.isArchived)).toBe(true);
    const custom = (await sb.gql<Json>(D.ListSchemas!, { input: { isManaged: false } })).data.schemas.edges;
    expect(custom.every((e: Json) => !e.node.isManaged)).toBe(true);
    const inUse = (await sb.gql<Json>(D.ListSchemas!, { input: { isInUse: true } })).data.schemas.edges;
    expect(inUse.map((e: Json) => e.node.name)).toContain('AWS.CloudTrail');
    const details = await sb.gql<Json>(D.GetSchemaDetails!, { name: 'AWS.CloudTrail' });
    expect(details.data.schemas.edges[0].node.spec).toContain('eventName');
    const byField = await sb.gql<Json>(D.ListSchemas!, { input: { contains: 'sourceIPAddress' } });
    expect(byField.data.schemas.edges.map((e: Json) => e.node.name)).toEqual(['AWS.CloudTrail']);
  });
});

describe('GraphQL metrics', () => {
  const input = () => {
    const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    return { fromDate: new Date(to.getTime() - 7 * 86_400_000).toISOString(), toDate: to.toISOString() };
  };

  it('counts alerts per severity with Rule/Policy labels and interval breakdowns', async () => {
    const answer = await sb.gql<Json>(D.GetMetricsAlertsPerSeverity!, {
      input: { ...input(), intervalInMinutes: 1440 },
    });
    const series = answer.data.metrics.alertsPerSeverity as Json[];
    expect(series.map((s) => s.label)).toContain('Rule CRITICAL');
    expect(series.map((s) => s.label)).toContain('Policy HIGH');
    const total = series.reduce((a, s) => a + s.value, 0);
    expect(total).toBe(answer.data.metrics.totalAlerts);
    expect(total).toBeGreaterThan(0);
    for (const s of series) {
      expect(Object.keys(s.breakdown)).toHaveLength(7);
      expect(Object.values(s.breakdown as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(s.value);
      expect(Object.keys(s.breakdown)[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/);
    }
  });

  it('counts alerts per rule and bytes per log type', async () => {
    const perRule = await sb.gql<Json>(D.GetMetricsAlertsPerRule!, {
      input: { ...input(), intervalInMinutes: 60 },
    });
    const rules = perRule.data.metrics.alertsPerRule as Json[];
    expect(rules.map((r) => r.entityId)).toContain('AWS.VPCFlow.PortScan');
    expect(rules.find((r) => r.entityId === 'AWS.VPCFlow.PortScan').label).toBe(
      'Port Scan Detected in VPC Flow Logs',
    );
    const bytes = await sb.gql<Json>(D.GetBytesProcessedMetrics!, {
      input: { ...input(), intervalInMinutes: 1440 },
    });
    const labels = bytes.data.metrics.bytesProcessedPerSource.map((s: Json) => s.label);
    expect(labels).toEqual(['AWS.CloudTrail', 'AWS.VPCFlow', 'GitHub.Audit', 'Okta.SystemLog']);
    expect(bytes.data.metrics.bytesProcessedPerSource[0].value).toBeGreaterThan(0);
    const denied = await sb.gql(D.GetMetricsAlertsPerRule!, { input: input() }, 'responder');
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('GraphQL AI triage', () => {
  it('streams a deterministic summary that finishes after two polls', async () => {
    const [alert] = (
      await sb.gql<Json>(D.ListAlerts!, { input: { ...week(), pageSize: 1, nameContains: 'brute force' } })
    ).data.alerts.edges;
    const start = await sb.gql<Json>(D.AISummarizeAlert!, {
      input: {
        alertId: alert.node.id,
        outputLength: 'medium',
        metadata: { kind: 'alert' },
        prompt: 'VPN is in NL',
      },
    });
    const streamId = start.data.aiSummarizeAlert.streamId;
    const first = (await sb.gql<Json>(D.AIInferenceStream!, { streamId })).data.aiInferenceStream;
    expect(first.finished).toBe(false);
    const second = (await sb.gql<Json>(D.AIInferenceStream!, { streamId })).data.aiInferenceStream;
    expect(second.finished).toBe(true);
    expect(second.error).toBeNull();
    expect(second.responseText.startsWith(first.responseText)).toBe(true);
    expect(second.responseText).toContain('Okta.BruteForceLogins');
    expect(second.responseText).toContain('Shady Hosting LLC');
    expect(second.responseText).toContain('VPN is in NL');
    const again = await sb.gql<Json>(D.AISummarizeAlert!, { input: { alertId: alert.node.id } });
    const third = (
      await sb.gql<Json>(D.AIInferenceStream!, { streamId: again.data.aiSummarizeAlert.streamId })
    ).data;
    const full = (
      await sb.gql<Json>(D.AIInferenceStream!, { streamId: again.data.aiSummarizeAlert.streamId })
    ).data;
    expect(third.aiInferenceStream.finished).toBe(false);
    expect(full.aiInferenceStream.responseText.split('\n')[0]).toBe(second.responseText.split('\n')[0]);
    const meta = await sb.gql<Json>(D.AIInferenceStreamsMetadata!, { input: { alias: alert.node.id } });
    const edges = meta.data.aiInferenceStreamsMetadata.edges;
    expect(edges.at(-1).node.streamId).toBe(again.data.aiSummarizeAlert.streamId);
  });

  it('has finished summaries for some alerts from the start, and checks RunPantherAI', async () => {
    const severe = await sb.gql<Json>(D.ListAlerts!, {
      input: {
        createdAtAfter: '2000-01-01T00:00:00Z',
        createdAtBefore: new Date().toISOString(),
        severities: ['CRITICAL', 'HIGH'],
        statuses: ['TRIAGED', 'RESOLVED'],
        pageSize: 3,
      },
    });
    const id = severe.data.alerts.edges[0].node.id;
    const meta = await sb.gql<Json>(D.AIInferenceStreamsMetadata!, { input: { alias: id } }, 'analyst');
    expect(meta.data.aiInferenceStreamsMetadata.edges.length).toBeGreaterThan(0);
    const denied = await sb.gql(D.AISummarizeAlert!, { input: { alertId: id } }, 'detectionEngineer');
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
