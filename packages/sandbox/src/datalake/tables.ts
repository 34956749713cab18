/**
 * The data lake's tables: names, columns and descriptions. DuckDB types are used to create them;
 * `displayType` gives the Snowflake type Panther reports for the same column.
 */

export interface ColumnDef {
  name: string;
  /** DuckDB type. JSON stands for Snowflake VARIANT (nested objects queried as `col:path`). */
  type: 'VARCHAR' | 'TIMESTAMP' | 'INTEGER' | 'BIGINT' | 'BOOLEAN' | 'DOUBLE' | 'JSON' | 'VARCHAR[]';
  description: string;
}

export interface TableDef {
  database: string;
  name: string;
  /** Log type for log tables (`AWS.CloudTrail`); absent for views of several types and lookups. */
  logType?: string;
  description: string;
  columns: ColumnDef[];
}

const c = (name: string, type: ColumnDef['type'], description: string): ColumnDef => ({
  name,
  type,
  description,
});

/** Table name of a log type: dots become underscores, lower case (`AWS.CloudTrail` → `aws_cloudtrail`). */
export function tableNameOf(logType: string): string {
  return logType.replace(/\./g, '_').toLowerCase();
}

export const STANDARD_COLUMNS: ColumnDef[] = [
  c('p_log_type', 'VARCHAR', 'The Panther log type of the event'),
  c('p_row_id', 'VARCHAR', 'A unique id of the row'),
  c('p_event_time', 'TIMESTAMP', 'The time of the event (UTC), or the parse time when the event has none'),
  c('p_parse_time', 'TIMESTAMP', 'The time Panther parsed the event (UTC)'),
  c('p_schema_version', 'INTEGER', 'The version of the schema used to parse the event'),
  c('p_source_id', 'VARCHAR', 'The id of the log source integration'),
  c('p_source_label', 'VARCHAR', 'The label of the log source integration'),
  c('p_any_ip_addresses', 'VARCHAR[]', 'IP addresses found in the event'),
  c('p_any_domain_names', 'VARCHAR[]', 'Domain names found in the event'),
  c('p_any_emails', 'VARCHAR[]', 'Email addresses found in the event'),
  c('p_any_usernames', 'VARCHAR[]', 'User names found in the event'),
  c('p_any_aws_account_ids', 'VARCHAR[]', 'AWS account ids found in the event'),
  c('p_any_aws_arns', 'VARCHAR[]', 'AWS ARNs found in the event'),
  c('p_any_aws_instance_ids', 'VARCHAR[]', 'EC2 instance ids found in the event'),
  c('p_any_trace_ids', 'VARCHAR[]', 'Trace and request ids found in the event'),
  c('p_any_actor_ids', 'VARCHAR[]', 'Actor ids found in the event'),
];

export const RULE_MATCH_COLUMNS: ColumnDef[] = [
  c('p_alert_id', 'VARCHAR', 'The id of the alert the event belongs to'),
  c('p_alert_creation_time', 'TIMESTAMP', 'When the alert was created'),
  c('p_alert_update_time', 'TIMESTAMP', 'When the alert last received an event'),
  c('p_alert_context', 'JSON', 'The alert context returned by the detection'),
  c('p_alert_severity', 'VARCHAR', 'The severity of the alert'),
  c('p_rule_id', 'VARCHAR', 'The id of the detection that matched'),
  c('p_rule_severity', 'VARCHAR', 'The default severity of the detection'),
  c('p_rule_tags', 'VARCHAR[]', 'The tags of the detection'),
  c('p_rule_reports', 'JSON', 'The report mappings (e.g. MITRE ATT&CK) of the detection'),
];

export const RULE_ERROR_COLUMNS: ColumnDef[] = [
  ...RULE_MATCH_COLUMNS,
  c('p_rule_error', 'VARCHAR', 'The error the detection raised on this event'),
];

const LOG_TABLES: Omit<TableDef, 'database'>[] = [
  {
    name: 'aws_cloudtrail',
    logType: 'AWS.CloudTrail',
    description: 'AWS CloudTrail management and data events',
    columns: [
      c('eventVersion', 'VARCHAR', 'The version of the log event format'),
      c('eventTime', 'TIMESTAMP', 'The date and time the request was made (UTC)'),
      c('eventSource', 'VARCHAR', 'The service that the request was made to'),
      c('eventName', 'VARCHAR', 'The requested action'),
      c('awsRegion', 'VARCHAR', 'The AWS region that the request was made to'),
      c('sourceIPAddress', 'VARCHAR', 'The IP address that the request was made from'),
      c('userAgent', 'VARCHAR', 'The agent through which the request was made'),
      c('userIdentity', 'JSON', 'Information about the identity that made the request'),
      c('requestParameters', 'JSON', 'The parameters sent with the request'),
      c('responseElements', 'JSON', 'The response element for actions that make changes'),
      c('additionalEventData', 'JSON', 'Additional data about the event'),
      c('errorCode', 'VARCHAR', 'The AWS service error, if any'),
      c('errorMessage', 'VARCHAR', 'The description of the error, if any'),
      c('requestID', 'VARCHAR', 'The id of the request'),
      c('eventID', 'VARCHAR', 'The unique id of the event'),
      c('readOnly', 'BOOLEAN', 'Whether the operation is read-only'),
      c('eventType', 'VARCHAR', 'The type of event (AwsApiCall, AwsConsoleSignIn, ...)'),
      c('managementEvent', 'BOOLEAN', 'Whether the event is a management event'),
      c('recipientAccountId', 'VARCHAR', 'The account id that received the event'),
      c('eventCategory', 'VARCHAR', 'Management or Data'),
    ],
  },
  {
    name: 'okta_systemlog',
    logType: 'Okta.SystemLog',
    description: 'Okta System Log events',
    columns: [
      c('uuid', 'VARCHAR', 'The unique id of the event'),
      c('published', 'TIMESTAMP', 'When the event was published'),
      c('eventType', 'VARCHAR', 'The type of the event (e.g. user.session.start)'),
      c('version', 'VARCHAR', 'The version of the event format'),
      c('severity', 'VARCHAR', 'DEBUG, INFO, WARN or ERROR'),
      c('displayMessage', 'VARCHAR', 'A human-readable description of the event'),
      c('legacyEventType', 'VARCHAR', 'The legacy event type'),
      c('actor', 'JSON', 'The entity that performed the action'),
      c('client', 'JSON', 'The client that made the request (IP, user agent, location)'),
      c('outcome', 'JSON', 'The result of the action (result, reason)'),
      c('target', 'JSON', 'The entities the action was performed on'),
      c('transaction', 'JSON', 'The transaction of the request'),
      c('debugContext', 'JSON', 'Debugging details'),
      c('authenticationContext', 'JSON', 'The authentication context'),
      c('securityContext', 'JSON', 'Security details of the client IP (ASN, proxy)'),
    ],
  },
  {
    name: 'github_audit',
    logType: 'GitHub.Audit',
    description: 'GitHub organization audit log',
    columns: [
      c('action', 'VARCHAR', 'The action that was performed (e.g. repo.access)'),
      c('actor', 'VARCHAR', 'The user who performed the action'),
      c('actor_id', 'BIGINT', 'The id of the actor'),
      c('actor_ip', 'VARCHAR', 'The IP address of the actor'),
      c('actor_location', 'JSON', 'The location of the actor'),
      c('created_at', 'TIMESTAMP', 'When the action happened'),
      c('org', 'VARCHAR', 'The organization'),
      c('repo', 'VARCHAR', 'The repository (org/name)'),
      c('user', 'VARCHAR', 'The user affected by the action'),
      c('team', 'VARCHAR', 'The team affected by the action'),
      c('visibility', 'VARCHAR', 'The visibility of the repository (public, private, internal)'),
      c('previous_visibility', 'VARCHAR', 'The visibility before the change'),
      c('operation_type', 'VARCHAR', 'create, access, modify, remove, ...'),
      c('transport_protocol_name', 'VARCHAR', 'http or ssh for git events'),
      c('programmatic_access_type', 'VARCHAR', 'How the action was authenticated'),
    ],
  },
  {
    name: 'aws_vpcflow',
    logType: 'AWS.VPCFlow',
    description: 'AWS VPC flow logs',
    columns: [
      c('version', 'INTEGER', 'The flow log version'),
      c('accountId', 'VARCHAR', 'The AWS account id of the interface'),
      c('interfaceId', 'VARCHAR', 'The network interface id'),
      c('srcAddr', 'VARCHAR', 'The source address'),
      c('dstAddr', 'VARCHAR', 'The destination address'),
      c('srcPort', 'INTEGER', 'The source port'),
      c('dstPort', 'INTEGER', 'The destination port'),
      c('protocol', 'INTEGER', 'The IANA protocol number (6 TCP, 17 UDP)'),
      c('packets', 'BIGINT', 'The number of packets in the flow'),
      c('bytes', 'BIGINT', 'The number of bytes in the flow'),
      c('start', 'TIMESTAMP', 'The start of the capture window'),
      c('end', 'TIMESTAMP', 'The end of the capture window'),
      c('action', 'VARCHAR', 'ACCEPT or REJECT'),
      c('logStatus', 'VARCHAR', 'OK, NODATA or SKIPDATA'),
      c('vpcId', 'VARCHAR', 'The VPC id'),
      c('instanceId', 'VARCHAR', 'The EC2 instance id'),
      c('flowDirection', 'VARCHAR', 'ingress or egress'),
    ],
  },
];

const RESOURCE_TABLE: Omit<TableDef, 'database'> = {
  name: 'resource_history',
  logType: 'Panther.CloudSecurity.Resource',
  description: 'Snapshots of cloud resources scanned by Panther cloud security',
  columns: [
    c('resourceId', 'VARCHAR', 'The id of the resource (often its ARN)'),
    c('resourceType', 'VARCHAR', 'The Panther resource type (e.g. AWS.S3.Bucket)'),
    c('accountId', 'VARCHAR', 'The cloud account id'),
    c('region', 'VARCHAR', 'The region of the resource'),
    c('name', 'VARCHAR', 'The name of the resource'),
    c('attributes', 'JSON', 'The configuration of the resource'),
    c('changeType', 'VARCHAR', 'CREATED, MODIFIED, DELETED or SYNC'),
    c('lastModified', 'TIMESTAMP', 'When the resource last changed'),
  ],
};

function withColumns(table: Omit<TableDef, 'database'>, database: string, extra: ColumnDef[]): TableDef {
  return { ...table, database, columns: [...table.columns, ...STANDARD_COLUMNS, ...extra] };
}

export const LOG_TABLE_DEFS: TableDef[] = LOG_TABLES.map((t) => withColumns(t, 'panther_logs', []));
export const RESOURCE_TABLE_DEF: TableDef = withColumns(RESOURCE_TABLE, 'panther_cloudsecurity', []);
/** Tables a detection can match: the log tables and the cloud resources. */
export const MATCHABLE_TABLES: Omit<TableDef, 'database'>[] = [...LOG_TABLES, RESOURCE_TABLE];

export const RULE_MATCH_TABLE_DEFS: TableDef[] = MATCHABLE_TABLES.map((t) =>
  withColumns(t, 'panther_rule_matches', RULE_MATCH_COLUMNS),
);
export const RULE_ERROR_TABLE_DEFS: TableDef[] = MATCHABLE_TABLES.map((t) =>
  withColumns(t, 'panther_rule_errors', RULE_ERROR_COLUMNS),
);

export const SIGNALS_TABLE_DEF: TableDef = {
  database: 'panther_signals',
  name: 'correlation_signals',
  logType: 'Panther.Signal',
  description: 'One row per event that matched a detection: the signals correlation rules work on',
  columns: [
    c('p_alert_id', 'VARCHAR', 'The id of the alert'),
    c('p_alert_creation_time', 'TIMESTAMP', 'When the alert was created'),
    c('p_rule_id', 'VARCHAR', 'The id of the detection'),
    c('p_alert_severity', 'VARCHAR', 'The severity of the alert'),
    c('p_event_time', 'TIMESTAMP', 'The time of the matched event'),
    c('p_log_type', 'VARCHAR', 'The log type of the matched event'),
    c('p_row_id', 'VARCHAR', 'The row id of the matched event'),
    c('p_source_id', 'VARCHAR', 'The log source id'),
    c('p_source_label', 'VARCHAR', 'The log source label'),
    c('p_any_ip_addresses', 'VARCHAR[]', 'IP addresses found in the event'),
    c('p_any_emails', 'VARCHAR[]', 'Email addresses found in the event'),
    c('p_any_usernames', 'VARCHAR[]', 'User names found in the event'),
    c('p_any_trace_ids', 'VARCHAR[]', 'Trace ids found in the event'),
    c('p_any_aws_arns', 'VARCHAR[]', 'AWS ARNs found in the event'),
  ],
};

export const LOOKUP_TABLE_DEFS: TableDef[] = [
  {
    database: 'panther_lookups',
    name: 'ipinfo_asn',
    description: 'IPinfo ASN lookup table: network ranges and the autonomous systems that own them',
    columns: [
      c('network', 'VARCHAR', 'The network in CIDR notation'),
      c('asn', 'VARCHAR', 'The autonomous system number (AS1234)'),
      c('name', 'VARCHAR', 'The name of the AS owner'),
      c('domain', 'VARCHAR', 'The domain of the AS owner'),
      c('type', 'VARCHAR', 'isp, hosting, business or education'),
      c('p_schema_version', 'INTEGER', 'The version of the lookup schema'),
    ],
  },
  {
    database: 'panther_lookups',
    name: 'ipinfo_location',
    description: 'IPinfo geolocation lookup table',
    columns: [
      c('network', 'VARCHAR', 'The network in CIDR notation'),
      c('city', 'VARCHAR', 'City'),
      c('region', 'VARCHAR', 'Region or state'),
      c('country', 'VARCHAR', 'ISO country code'),
      c('lat', 'DOUBLE', 'Latitude'),
      c('lng', 'DOUBLE', 'Longitude'),
    ],
  },
];

export const MONITOR_TABLE_DEFS: TableDef[] = [
  {
    database: 'panther_monitor',
    name: 'classification_failures',
    description: 'Log lines that no schema of their source could parse',
    columns: [
      c('p_event_time', 'TIMESTAMP', 'When the line was received'),
      c('p_parse_time', 'TIMESTAMP', 'When parsing was attempted'),
      c('p_source_id', 'VARCHAR', 'The log source id'),
      c('p_source_label', 'VARCHAR', 'The log source label'),
      c('p_row_id', 'VARCHAR', 'A unique id of the row'),
      c('payload', 'VARCHAR', 'The raw line that failed to classify'),
      c('error', 'VARCHAR', 'Why classification failed'),
    ],
  },
];

/** Panther's database names and what they hold. Every database has the schema `public`. */
export const DATABASES: readonly { name: string; description: string }[] = [
  { name: 'panther_logs', description: 'Parsed log data, one table per log type' },
  { name: 'panther_rule_matches', description: 'Events that matched a detection, with the alert columns' },
  { name: 'panther_rule_errors', description: 'Events on which a detection raised an error' },
  { name: 'panther_signals', description: 'Correlation signals: one row per matched event' },
  { name: 'panther_cloudsecurity', description: 'Cloud security resource snapshots' },
  { name: 'panther_views', description: 'Views across databases (all_logs, all_rule_matches, ...)' },
  { name: 'panther_lookups', description: 'Lookup tables (enrichment data, no event time)' },
  { name: 'panther_monitor', description: 'Panther monitoring data (classification failures)' },
];

/** `panther_logs`, `PANTHER_LOGS.PUBLIC` → `panther_logs`; undefined for anything else. */
export function databaseOf(name: string): string | undefined {
  const [db, schema = 'public', ...rest] = name.trim().toLowerCase().split('.');
  if (rest.length > 0 || schema !== 'public') return undefined;
  return DATABASES.some((d) => d.name === db) ? db : undefined;
}

export function unknownDatabaseMessage(name: string): string {
  return `Database ${name} does not exist; use one of ${DATABASES.map((d) => `${d.name}.public`).join(', ')}`;
}

/** The Snowflake type Panther reports for a column. */
export function displayType(type: ColumnDef['type']): string {
  switch (type) {
    case 'VARCHAR':
      return 'VARCHAR';
    case 'TIMESTAMP':
      return 'TIMESTAMP_NTZ(9)';
    case 'INTEGER':
    case 'BIGINT':
      return 'NUMBER(38,0)';
    case 'BOOLEAN':
      return 'BOOLEAN';
    case 'DOUBLE':
      return 'FLOAT';
    case 'JSON':
      return 'VARIANT';
    case 'VARCHAR[]':
      return 'ARRAY';
  }
}

export function createTableSql(table: TableDef): string {
  const columns = table.columns.map((col) => `"${col.name}" ${col.type}`).join(', ');
  return `CREATE TABLE ${table.database}.public.${table.name} (${columns})`;
}
