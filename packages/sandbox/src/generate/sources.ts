/** Log sources (GraphQL `sources`, REST HTTP sources) and log type schemas. */
import { LOG_TABLE_DEFS, type TableDef } from '../datalake/tables.js';
import type { Doc } from '../store/types.js';
import { Random } from './random.js';
import { AWS_ACCOUNTS, LOG_SOURCES } from './world.js';

const DAY = 86_400_000;

/** GraphQL LogIntegration nodes; `__typename` picks the implementing type. */
export function sourceDocs(now: Date): Doc[] {
  return LOG_SOURCES.map((s, i) => {
    const lastEvent = new Date(
      now.getTime() - (s.healthy ? 60_000 * (i + 1) : 2 * DAY + i * 3_600_000),
    ).toISOString();
    const base: Doc = {
      id: s.id,
      __typename: s.kind === 's3' ? 'S3LogIntegration' : 'GenericLogIntegration',
      integrationId: s.id,
      integrationLabel: s.label,
      integrationType: s.integrationType,
      isEditable: true,
      isHealthy: s.healthy,
      createdAtTime: new Date(now.getTime() - (420 - i * 30) * DAY).toISOString(),
      createdBy: null,
      lastEventProcessedAtTime: lastEvent,
      lastEventReceivedAtTime: lastEvent,
      lastModified: new Date(now.getTime() - (45 + i) * DAY).toISOString(),
      logTypes: s.logTypes,
    };
    if (s.kind !== 's3') return base;
    const prefix = s.logTypes[0] === 'AWS.CloudTrail' ? 'AWSLogs/' : 'vpc-flow/';
    return {
      ...base,
      awsAccountId: AWS_ACCOUNTS.security,
      kmsKey: null,
      logProcessingRole: `arn:aws:iam::${AWS_ACCOUNTS.security}:role/PantherLogProcessingRole-${s.label}`,
      logStreamType: 'Auto',
      logStreamTypeOptions: null,
      managedBucketNotifications: true,
      s3Bucket: s.logTypes[0] === 'AWS.CloudTrail' ? 'acme-cloudtrail-logs' : 'acme-vpc-flow-logs',
      s3Prefix: prefix,
      s3PrefixLogTypes: [{ prefix, logTypes: s.logTypes, excludedPrefixes: [] }],
      stackName: `panther-log-source-${s.label}`,
    };
  });
}

/** REST HTTP sources, with their auth secrets: the MCP server must redact them, so they are there. */
export function httpSourceDocs(seed: number): Doc[] {
  const rng = new Random(`${seed}|http-sources`);
  return LOG_SOURCES.filter((s) => s.kind === 'http').map((s, i) => {
    const common = {
      id: s.id,
      integrationId: s.id,
      integrationLabel: s.label,
      logTypes: s.logTypes,
      logStreamType: 'JSON',
      logStreamTypeOptions: { jsonArrayEnvelopeField: null },
    };
    return i === 0
      ? {
          ...common,
          authMethod: 'HMAC',
          authHeaderKey: 'X-Hub-Signature-256',
          authHmacAlg: 'sha256',
          authSecretValue: `sandbox-hmac-secret-${rng.hex(32)}`,
          authBearerToken: null,
          authUsername: null,
          authPassword: null,
        }
      : {
          ...common,
          authMethod: 'Bearer',
          authHeaderKey: null,
          authHmacAlg: null,
          authSecretValue: null,
          authBearerToken: `sandbox-bearer-${rng.hex(40)}`,
          authUsername: null,
          authPassword: null,
        };
  });
}

function fieldType(type: TableDef['columns'][number]['type']): string {
  switch (type) {
    case 'TIMESTAMP':
      return 'timestamp\n    timeFormats:\n      - rfc3339';
    case 'JSON':
      return 'json';
    case 'BOOLEAN':
      return 'boolean';
    case 'INTEGER':
      return 'int';
    case 'BIGINT':
      return 'bigint';
    case 'DOUBLE':
      return 'float';
    case 'VARCHAR[]':
      return 'array\n    element:\n      type: string';
    default:
      return 'string';
  }
}

function specOf(table: TableDef): string {
  const fields = table.columns
    .filter((c) => !c.name.startsWith('p_'))
    .map((c) => `  - name: ${c.name}\n    description: ${c.description}\n    type: ${fieldType(c.type)}`)
    .join('\n');
  return `schema: ${table.logType}\ndescription: ${table.description}\nreferenceURL: https://docs.panther.com/data-onboarding/supported-logs\nfields:\n${fields}\n`;
}

const OTHER_SCHEMAS: [name: string, description: string, managed: boolean, archived: boolean][] = [
  ['AWS.ALB', 'AWS Application Load Balancer access logs', true, false],
  ['AWS.S3ServerAccess', 'Amazon S3 server access logs', true, false],
  ['AWS.GuardDuty', 'Amazon GuardDuty findings', true, false],
  ['GCP.AuditLog', 'Google Cloud audit logs', true, false],
  ['Zeek.DNS', 'Zeek DNS logs', true, false],
  ['Slack.AuditLogs', 'Slack Enterprise audit logs', true, false],
  ['Panther.Audit', 'Panther console and API audit log', true, false],
  ['Custom.AppLogs', 'Acme application logs sent over HTTP', false, false],
  ['Custom.LegacyFirewall', 'Syslog from the old office firewall', false, false],
  ['Custom.OldVPNLogs', 'VPN logs from the appliance retired in 2024', false, true],
  ['Custom.NetflowV5', 'Netflow v5 export, replaced by VPC flow logs', false, true],
];

export function schemaDocs(now: Date): Doc[] {
  const docs: Doc[] = LOG_TABLE_DEFS.map((t, i) => ({
    id: t.logType!,
    name: t.logType!,
    description: t.description,
    spec: specOf(t),
    discoveredSpec: '',
    isManaged: true,
    isArchived: false,
    isFieldDiscoveryEnabled: false,
    referenceURL: 'https://docs.panther.com/data-onboarding/supported-logs',
    revision: 3 + i,
    version: 3 + i,
    createdAt: new Date(now.getTime() - (500 - i) * DAY).toISOString(),
    updatedAt: new Date(now.getTime() - (60 + i) * DAY).toISOString(),
    fieldNames: t.columns.map((c) => c.name),
  }));
  OTHER_SCHEMAS.forEach(([name, description, managed, archived], i) => {
    const fields = name.startsWith('Custom.')
      ? ['timestamp', 'level', 'message', 'host']
      : ['time', 'source_ip', 'action', 'user'];
    docs.push({
      id: name,
      name,
      description,
      spec: `schema: ${name}\ndescription: ${description}\nfields:\n${fields
        .map(
          (f) =>
            `  - name: ${f}\n    type: ${f.includes('time') ? 'timestamp\n    timeFormats:\n      - rfc3339' : 'string'}`,
        )
        .join('\n')}\n`,
      discoveredSpec: managed ? '' : `fields:\n  - name: extra_field_${i}\n    type: string\n`,
      isManaged: managed,
      isArchived: archived,
      isFieldDiscoveryEnabled: !managed,
      referenceURL: managed ? 'https://docs.panther.com/data-onboarding/supported-logs' : null,
      revision: 1 + (i % 3),
      version: 1 + (i % 3),
      createdAt: new Date(now.getTime() - (300 - i * 10) * DAY).toISOString(),
      updatedAt: new Date(now.getTime() - (30 + i) * DAY).toISOString(),
      fieldNames: fields,
    });
  });
  return docs;
}

export function schemasInUse(): Set<string> {
  return new Set(LOG_SOURCES.flatMap((s) => s.logTypes));
}
