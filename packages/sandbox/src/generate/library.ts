/** Detections as REST documents, and the rest of the content library: helpers, data models, queries. */
import type { Doc, UserDoc } from '../store/types.js';
import { PAGERDUTY_OUTPUT_ID } from './alertRecords.js';
import type { DetectionSpec } from './detections/types.js';
import { Random, stableUuid } from './random.js';

const DAY = 86_400_000;

export function detectionDocs(
  specs: readonly DetectionSpec[],
  authors: readonly UserDoc[],
  now: Date,
): Doc[] {
  return specs.map((s) => {
    const rng = new Random(`detection|${s.id}`);
    const author = rng.pick(authors);
    const editor = rng.pick(authors);
    const created = new Date(now.getTime() - rng.int(60, 500) * DAY);
    const modified = new Date(Math.min(now.getTime() - DAY, created.getTime() + rng.int(1, 60) * DAY));
    const common: Doc = {
      id: s.id,
      displayName: s.displayName,
      description: s.description,
      severity: s.severity,
      enabled: s.enabled,
      managed: s.managed,
      tags: s.tags,
      reports: s.reports,
      outputIDs:
        (s.severity === 'CRITICAL' || s.severity === 'HIGH') && rng.chance(0.5) ? [PAGERDUTY_OUTPUT_ID] : [],
      tests: s.tests,
      createdAt: created.toISOString(),
      createdBy: { id: author.id, type: 'user' },
      createdByExternal: null,
      lastModified: modified.toISOString(),
      lastModifiedBy: { id: editor.id, type: 'user' },
    };
    const ruleFields = {
      runbook: s.runbook,
      dedupPeriodMinutes: s.dedupPeriodMinutes,
      threshold: s.threshold,
      summaryAttributes: [],
    };
    switch (s.kind) {
      case 'rules':
        return { ...common, ...ruleFields, logTypes: s.logTypes ?? [], body: s.body, inlineFilters: null };
      case 'scheduled-rules':
        return { ...common, ...ruleFields, scheduledQueries: s.scheduledQueries ?? [], body: s.body };
      case 'simple-rules':
        return {
          ...common,
          ...ruleFields,
          logTypes: s.logTypes ?? [],
          detection: s.body,
          inlineFilters: null,
          alertTitle: null,
          alertContext: null,
          dynamicSeverities: null,
          groupBy: null,
        };
      default:
        // policies
        return {
          ...common,
          resourceTypes: s.resourceTypes ?? [],
          suppressions: [],
          body: s.body,
          complianceStatus: s.matcher !== undefined ? 'FAIL' : s.id.endsWith('NotPublic') ? 'ERROR' : 'PASS',
        };
    }
  });
}

/** The Python a simple rule compiles to (returned with `include-python=true`). */
export function simpleRulePython(doc: Doc): string {
  const yaml = String(doc['detection'] ?? '');
  const values = [...yaml.matchAll(/^\s+- (\S+)$/gm)].map((m) => JSON.stringify(m[1]));
  const key = /KeyPath: (\S+)/.exec(yaml)?.[1] ?? 'eventName';
  return `# Generated from the YAML detection\n\ndef rule(event):\n    return event.deep_get(${key
    .split('.')
    .map((k) => JSON.stringify(k))
    .join(', ')}) in [${values.join(', ')}]\n`;
}

const HELPERS: [id: string, description: string, body: string][] = [
  [
    'panther_base_helpers',
    'Utility functions shared by all detections: deep_get, deep_walk, IP checks.',
    `from ipaddress import ip_address, ip_network


def deep_get(dictionary, *keys, default=None):
    for key in keys:
        if not isinstance(dictionary, dict):
            return default
        dictionary = dictionary.get(key, default)
    return dictionary


def deep_walk(obj, *keys, default=None):
    if not keys:
        return obj
    if isinstance(obj, list):
        values = [deep_walk(item, *keys, default=default) for item in obj]
        return [v for v in values if v is not None] or default
    if isinstance(obj, dict):
        return deep_walk(obj.get(keys[0]), *keys[1:], default=default)
    return default


def is_ip_in_network(ip, networks):
    return any(ip_address(ip) in ip_network(n) for n in networks)
`,
  ],
  [
    'panther_aws_helpers',
    'AWS helpers: alert context for CloudTrail rules, account names.',
    `from panther_base_helpers import deep_get

ACCOUNT_NAMES = {"123456789012": "prod", "210987654321": "staging", "555566667777": "security"}


def aws_rule_context(event):
    return {
        "eventName": event.get("eventName"),
        "eventSource": event.get("eventSource"),
        "account": ACCOUNT_NAMES.get(event.get("recipientAccountId"), event.get("recipientAccountId")),
        "sourceIPAddress": event.get("sourceIPAddress"),
        "userAgent": event.get("userAgent"),
        "actor": deep_get(event, "userIdentity", "arn"),
    }
`,
  ],
  [
    'panther_okta_helpers',
    'Okta helpers: alert context for System Log rules.',
    `def okta_alert_context(event):
    return {
        "actor": event.deep_get("actor", "alternateId"),
        "ip": event.deep_get("client", "ipAddress"),
        "event_type": event.get("eventType"),
        "result": event.deep_get("outcome", "result"),
    }
`,
  ],
  [
    'panther_github_helpers',
    'GitHub helpers: alert context and repository helpers.',
    `def github_alert_context(event):
    return {"action": event.get("action"), "actor": event.get("actor"), "repo": event.get("repo")}
`,
  ],
  [
    'panther_ipinfo_helpers',
    'Wrappers around the IPinfo enrichment (p_enrichment.ipinfo_asn / ipinfo_location).',
    `class IPInfoASN:
    def __init__(self, event):
        self.enrichment = event.deep_get("p_enrichment", "ipinfo_asn", default={})

    def get_asn_type(self, path):
        return (self.enrichment.get(".".join(path)) or {}).get("type")


def get_ipinfo_asn(event):
    return IPInfoASN(event) if event.deep_get("p_enrichment", "ipinfo_asn") else None
`,
  ],
  [
    'panther_config',
    'Organisation settings read by detections.',
    `from panther_config_defaults import *  # noqa: F401,F403

CORPORATE_NETWORKS = ["203.0.113.0/24"]
`,
  ],
  [
    'panther_config_defaults',
    'Defaults of the organisation settings.',
    `CORPORATE_NETWORKS = []\nALLOWED_COUNTRIES = ["US", "CA", "GB", "DE", "IE", "IT"]\n`,
  ],
  [
    'acme_helpers',
    'Acme-specific helpers: service accounts and change windows.',
    `SERVICE_ACCOUNTS = {"ci-deployer", "terraform", "lambda-exec", "datadog-integration"}


def is_service_account(name):
    return name in SERVICE_ACCOUNTS
`,
  ],
];

export function globalDocs(authors: readonly UserDoc[], now: Date): Doc[] {
  return HELPERS.map(([id, description, body], i) => ({
    id,
    description,
    body,
    tags: id.startsWith('acme') ? ['Acme'] : ['Panther'],
    managed: !id.startsWith('acme'),
    createdAt: new Date(now.getTime() - (300 - i) * DAY).toISOString(),
    createdBy: { id: authors[i % authors.length]!.id, type: 'user' },
    lastModified: new Date(now.getTime() - (20 + i * 3) * DAY).toISOString(),
    lastModifiedBy: { id: authors[(i + 1) % authors.length]!.id, type: 'user' },
  }));
}

const MODELS: [logType: string, mappings: [name: string, path: string][]][] = [
  [
    'AWS.CloudTrail',
    [
      ['actor_user', '$.userIdentity.arn'],
      ['source_ip', 'sourceIPAddress'],
      ['event_type', 'eventName'],
      ['user_agent', 'userAgent'],
    ],
  ],
  [
    'Okta.SystemLog',
    [
      ['actor_user', '$.actor.alternateId'],
      ['source_ip', '$.client.ipAddress'],
      ['event_type', 'eventType'],
      ['user_agent', '$.client.userAgent.rawUserAgent'],
    ],
  ],
  [
    'GitHub.Audit',
    [
      ['actor_user', 'actor'],
      ['source_ip', 'actor_ip'],
      ['event_type', 'action'],
      ['repo', 'repo'],
    ],
  ],
  [
    'AWS.VPCFlow',
    [
      ['source_ip', 'srcAddr'],
      ['destination_ip', 'dstAddr'],
      ['destination_port', 'dstPort'],
      ['action', 'action'],
    ],
  ],
];

export function dataModelDocs(now: Date): Doc[] {
  return MODELS.map(([logType, mappings], i) => ({
    id: `Standard.${logType}`,
    displayName: `${logType} data model`,
    description: `Maps ${logType} fields to the standard names used by detections (actor_user, source_ip, ...).`,
    enabled: true,
    managed: true,
    logTypes: [logType],
    mappings: mappings.map(([name, path]) => ({ name, path })),
    body: i === 0 ? `def get_event_type(event):\n    return event.get("eventName")\n` : '',
    createdAt: new Date(now.getTime() - (350 - i) * DAY).toISOString(),
    lastModified: new Date(now.getTime() - (40 + i) * DAY).toISOString(),
  }));
}

const QUERIES: [
  name: string,
  sql: string,
  schedule: { cron?: string; rateMinutes?: number; timeoutMinutes: number; disabled?: boolean } | null,
][] = [
  [
    'SSM Secret Reads Per Principal',
    `SELECT userIdentity:arn AS actor, count(*) AS read_count\nFROM panther_logs.public.aws_cloudtrail\nWHERE eventName = 'GetParameter' AND p_occurs_since('1 hour')\nGROUP BY 1\nHAVING count(*) >= 30`,
    { rateMinutes: 60, timeoutMinutes: 5 },
  ],
  [
    'Okta Password Resets Daily',
    `SELECT * FROM panther_logs.public.okta_systemlog\nWHERE eventType = 'user.account.reset_password' AND p_occurs_since('1 day')`,
    { cron: '0 6 * * *', timeoutMinutes: 10 },
  ],
  [
    'GitHub Clones Per Actor Hourly',
    `SELECT actor, count(DISTINCT repo) AS repo_count\nFROM panther_logs.public.github_audit\nWHERE action IN ('git.clone', 'repo.download_zip') AND p_occurs_since('1 hour')\nGROUP BY actor`,
    { rateMinutes: 60, timeoutMinutes: 5 },
  ],
  [
    'AWS Regions Used Daily',
    `SELECT awsRegion, count(*) AS calls\nFROM panther_logs.public.aws_cloudtrail\nWHERE p_occurs_since('1 day')\nGROUP BY awsRegion`,
    { cron: '0 0 * * *', timeoutMinutes: 10 },
  ],
  [
    'Okta Logins By Country',
    `SELECT actor:alternateId AS user, client:geographicalContext.country AS country, min(p_event_time) AS first_seen\nFROM panther_logs.public.okta_systemlog\nWHERE eventType = 'user.session.start' AND p_occurs_since('6 hours')\nGROUP BY 1, 2`,
    { rateMinutes: 360, timeoutMinutes: 10 },
  ],
  [
    'GitHub Pushes By Hour',
    `SELECT actor, date_trunc('hour', p_event_time) AS hour, count(*) AS pushes\nFROM panther_logs.public.github_audit\nWHERE action = 'git.push' AND p_occurs_since('1 day')\nGROUP BY 1, 2`,
    { cron: '15 * * * *', timeoutMinutes: 5, disabled: true },
  ],
  [
    'VPC Egress Periodicity',
    `SELECT srcAddr, dstAddr, count(*) AS flows\nFROM panther_logs.public.aws_vpcflow\nWHERE flowDirection = 'egress' AND p_occurs_since('1 day')\nGROUP BY 1, 2\nORDER BY flows DESC\nLIMIT 100`,
    { rateMinutes: 1440, timeoutMinutes: 15 },
  ],
  [
    'Okta Last Login Per User',
    `SELECT actor:alternateId AS user, max(p_event_time) AS last_login\nFROM panther_logs.public.okta_systemlog\nWHERE eventType = 'user.session.start' AND p_occurs_since('30 days')\nGROUP BY 1`,
    { cron: '0 7 * * 1', timeoutMinutes: 10 },
  ],
  [
    'Top Talkers Last 24h',
    `SELECT srcAddr, sum(bytes) AS bytes\nFROM panther_logs.public.aws_vpcflow\nWHERE p_occurs_since('24 hours')\nGROUP BY srcAddr\nORDER BY bytes DESC\nLIMIT 20`,
    null,
  ],
  [
    'Failed Console Logins',
    `SELECT p_event_time, userIdentity:userName AS user, sourceIPAddress\nFROM panther_logs.public.aws_cloudtrail\nWHERE eventName = 'ConsoleLogin' AND responseElements:ConsoleLogin = 'Failure'\n  AND p_occurs_since('7 days')\nORDER BY p_event_time DESC`,
    null,
  ],
  [
    'Alert Events By Rule',
    `SELECT p_rule_id, count(*) AS events, count(DISTINCT p_alert_id) AS alerts\nFROM panther_views.public.all_rule_matches\nWHERE p_occurs_since('7 days')\nGROUP BY p_rule_id\nORDER BY events DESC`,
    null,
  ],
];

export function queryDocs(now: Date): Doc[] {
  return QUERIES.map(([name, sql, schedule], i) => ({
    id: stableUuid('query', name),
    name,
    description:
      schedule === null
        ? `Saved search: ${name}.`
        : `Scheduled query behind the detections that read "${name}".`,
    sql,
    managed: false,
    schedule:
      schedule === null
        ? null
        : {
            cron: schedule.cron ?? null,
            rateMinutes: schedule.rateMinutes ?? null,
            timeoutMinutes: schedule.timeoutMinutes,
            disabled: schedule.disabled ?? false,
          },
    createdAt: new Date(now.getTime() - (200 - i * 9) * DAY).toISOString(),
    updatedAt: new Date(now.getTime() - (10 + i) * DAY).toISOString(),
  }));
}
