/**
 * Background activity, generated set-based in DuckDB from `range(n)` so that a million rows take seconds.
 * Rates are chosen so that the sandbox's detections rarely fire on noise: most alerts come from the stories.
 */
import { sqlString } from '../store/duck.js';
import { dimSql, stringList } from './sqlLists.js';
import {
  AWS_ACCOUNTS,
  AWS_REGIONS,
  GITHUB_ORG,
  GITHUB_REPOS,
  INTERNAL_HOSTS,
  OKTA_APPS,
  PEOPLE,
  S3_BUCKETS,
  SERVICE_ROLES,
  sourceFor,
} from './world.js';

export const NOISE_SHARES = {
  aws_cloudtrail: 0.45,
  aws_vpcflow: 0.25,
  okta_systemlog: 0.18,
  github_audit: 0.12,
};

export type NoiseTable = keyof typeof NOISE_SHARES;

const q = sqlString;
const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

export function oktaActorId(user: string): string {
  // Okta user ids look like 00u1a2b3c4d5e6f7g8h9; derived from the name so they never change.
  let h = 0;
  for (const ch of user) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `00u${h.toString(36).padStart(8, '0')}${user.length}x7d8`;
}

export function githubActorId(login: string): number {
  let h = 7;
  for (const ch of login) h = (h * 33 + ch.charCodeAt(0)) % 90_000_000;
  return 10_000_000 + h;
}

function awsActors(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const p of PEOPLE) {
    out.push({
      kind: 'sso',
      type: 'AssumedRole',
      userName: p.email,
      arn: `arn:aws:sts::${AWS_ACCOUNTS.prod}:assumed-role/AWSReservedSSO_PowerUser_4f1c2a/${p.email}`,
      principal: `AROA4F1C2A9EXAMPLE:${p.email}`,
      account: AWS_ACCOUNTS.prod,
      issuer: 'AWSReservedSSO_PowerUser_4f1c2a',
      email: p.email,
      ips: p.ips,
      agents: [BROWSER, 'aws-cli/2.15.30 Python/3.11.8 Darwin/23.3.0 exe/x86_64'],
    });
    if (p.iamUser) {
      out.push({
        kind: 'iam',
        type: 'IAMUser',
        userName: p.user,
        arn: `arn:aws:iam::${AWS_ACCOUNTS.prod}:user/${p.user}`,
        principal: `AIDA${p.user.replace('.', '').toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
        account: AWS_ACCOUNTS.prod,
        issuer: null,
        email: null,
        ips: p.ips,
        agents: [BROWSER, 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64'],
      });
    }
  }
  return out;
}

function serviceActors(): Record<string, unknown>[] {
  return SERVICE_ROLES.flatMap((s) =>
    [AWS_ACCOUNTS.prod, AWS_ACCOUNTS.staging].map((account) => ({
      kind: 'service',
      type: 'AssumedRole',
      userName: s.role,
      arn: `arn:aws:sts::${account}:assumed-role/${s.role}/${s.session}`,
      principal: `AROA${s.role.replace(/-/g, '').toUpperCase().padEnd(12, 'Q').slice(0, 12)}:${s.session}`,
      account,
      issuer: s.role,
      email: null,
      ips: [s.ip],
      agents: [s.agent],
    })),
  );
}

type Ev = readonly [name: string, source: string, readOnly: boolean];

const PERSON_EVENTS: (readonly [Ev, number])[] = [
  [['ConsoleLogin', 'signin.amazonaws.com', false], 6],
  [['DescribeInstances', 'ec2.amazonaws.com', true], 10],
  [['GetCallerIdentity', 'sts.amazonaws.com', true], 5],
  [['ListBuckets', 's3.amazonaws.com', true], 5],
  [['GetBucketAcl', 's3.amazonaws.com', true], 3],
  [['DescribeSecurityGroups', 'ec2.amazonaws.com', true], 4],
  [['GetParameter', 'ssm.amazonaws.com', true], 3],
  [['ListUsers', 'iam.amazonaws.com', true], 2],
  [['GetUser', 'iam.amazonaws.com', true], 2],
  [['ListRoles', 'iam.amazonaws.com', true], 2],
  [['DescribeDBInstances', 'rds.amazonaws.com', true], 2],
  [['LookupEvents', 'cloudtrail.amazonaws.com', true], 1],
  [['GetObject', 's3.amazonaws.com', true], 6],
  [['PutObject', 's3.amazonaws.com', false], 2],
  [['CreateTags', 'ec2.amazonaws.com', false], 2],
  [['RunInstances', 'ec2.amazonaws.com', false], 1],
  [['StopInstances', 'ec2.amazonaws.com', false], 1],
  [['UpdateFunctionCode20150331v2', 'lambda.amazonaws.com', false], 1],
];

const SERVICE_EVENTS: (readonly [Ev, number])[] = [
  [['AssumeRole', 'sts.amazonaws.com', true], 10],
  [['Decrypt', 'kms.amazonaws.com', true], 10],
  [['GenerateDataKey', 'kms.amazonaws.com', true], 5],
  [['GetObject', 's3.amazonaws.com', true], 10],
  [['PutObject', 's3.amazonaws.com', false], 6],
  [['GetParameter', 'ssm.amazonaws.com', true], 4],
  [['DescribeInstances', 'ec2.amazonaws.com', true], 4],
  [['PutMetricData', 'monitoring.amazonaws.com', false], 6],
  [['CreateLogStream', 'logs.amazonaws.com', false], 3],
  [['UpdateFunctionCode20150331v2', 'lambda.amazonaws.com', false], 1],
  [['RunInstances', 'ec2.amazonaws.com', false], 1],
  [['CreateTags', 'ec2.amazonaws.com', false], 2],
];

/** Legitimate but sensitive changes: what detections look at, so rare. */
const RARE_EVENTS: (readonly [Ev, number])[] = [
  [['PutBucketPolicy', 's3.amazonaws.com', false], 2],
  [['AuthorizeSecurityGroupIngress', 'ec2.amazonaws.com', false], 2],
  [['CreateAccessKey', 'iam.amazonaws.com', false], 2],
  [['CreateUser', 'iam.amazonaws.com', false], 1],
  [['DeleteBucket', 's3.amazonaws.com', false], 1],
  [['AttachRolePolicy', 'iam.amazonaws.com', false], 2],
  [['PutBucketPublicAccessBlock', 's3.amazonaws.com', false], 1],
  [['ModifyInstanceAttribute', 'ec2.amazonaws.com', false], 1],
  [['CreateLoginProfile', 'iam.amazonaws.com', false], 1],
];

function standardTail(logType: string, rowId: string, ts: string): string {
  const source = sourceFor(logType);
  return `${q(logType)} AS p_log_type, ${rowId} AS p_row_id, ${ts} AS p_event_time,
    ${ts} + to_seconds(1 + rint(i, 'parse', 240)) AS p_parse_time, 0 AS p_schema_version,
    ${q(source.id)} AS p_source_id, ${q(source.label)} AS p_source_label`;
}

/** `alias` joined on a hash of the row number: a per-row random pick from a dimension table. */
function join(table: string, alias: string, key: string, size: number): string {
  return `JOIN ${table} ${alias} ON ${alias}.idx = rint(i, '${key}', ${size})`;
}

/** A UUID-shaped id from an md5 column. */
function uuidOf(h: string): string {
  return `substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-' || substr(${h}, 13, 4) || '-' || substr(${h}, 17, 4) || '-' || substr(${h}, 21, 12)`;
}

const events = (rows: (readonly [Ev, number])[]) =>
  rows.map(([[name, source, ro], weight]) => [{ name, source, ro }, weight] as const);

export function cloudTrailNoiseSql(n: number): string[] {
  const personUsers = PEOPLE.filter((p) => p.iamUser).map((p) => p.user);
  // One row per (actor, address, user agent): picking a row picks all three without per-row list work.
  const expand = (a: Record<string, unknown>, weight: number) =>
    (a['ips'] as string[]).flatMap((ip) =>
      (a['agents'] as string[]).map((agent) => [{ ...withIdentity(a), ip, agent }, weight] as const),
    );
  const actors = dimSql('sbx_ct_actor', [
    ...serviceActors().flatMap((a) => expand(a, 8)),
    ...awsActors().flatMap((a) => expand(a, 1)),
  ]);
  const pe = dimSql('sbx_ct_pe', events(PERSON_EVENTS));
  const se = dimSql('sbx_ct_se', events(SERVICE_EVENTS));
  const re = dimSql('sbx_ct_re', events(RARE_EVENTS));
  const pick3 = (col: string) =>
    `CASE WHEN rare THEN re.${col} WHEN a.kind = 'service' THEN se.${col} ELSE pe.${col} END`;
  const insert = `INSERT INTO panther_logs.public.aws_cloudtrail BY NAME
WITH b AS (
  SELECT i, age_ts(i, 'ct.t') AS ts, a.kind, a.type, a.userName, a.arn, a.principal, a.account, a.email,
    a.identity, a.ip, a.agent,
    ${pick3('name')} AS ev, ${pick3('source')} AS src, ${pick3('ro')} AS ro,
    rnd(i, 'ct.err') AS r_err, rnd(i, 'ct.mfa') AS r_mfa, rnd(i, 'ct.fail') AS r_fail,
    pick(${stringList(S3_BUCKETS)}, i, 'ct.bucket') AS bucket,
    pick(${stringList(AWS_REGIONS)}, i, 'ct.region') AS region,
    hexid(i, 'ct.row') AS h, hexid(i, 'ct.req') AS h2
  FROM (SELECT i, rnd(i, 'ct.rare') < 0.004 AS rare FROM range(${n}) t(i)) r
  ${join('sbx_ct_actor', 'a', 'ct.actor', actors.size)}
  ${join('sbx_ct_pe', 'pe', 'ct.pe', pe.size)}
  ${join('sbx_ct_se', 'se', 'ct.se', se.size)}
  ${join('sbx_ct_re', 're', 'ct.re', re.size)}
), f AS (
  SELECT *, ev = 'ConsoleLogin' AS login, ev = 'ConsoleLogin' AND r_fail < 0.04 AS login_failed,
    ev <> 'ConsoleLogin' AND r_err < 0.015 AS denied
  FROM b
)
SELECT '1.09' AS eventVersion, ts AS eventTime, src AS eventSource, ev AS eventName,
  CASE WHEN src IN ('iam.amazonaws.com', 'signin.amazonaws.com') THEN 'us-east-1' ELSE region END AS awsRegion,
  ip AS sourceIPAddress, CASE WHEN login THEN ${q(BROWSER)} ELSE agent END AS userAgent,
  identity AS userIdentity,
  CASE
    WHEN ev = 'AssumeRole' THEN json_object('roleArn', 'arn:aws:iam::' || account || ':role/' || split_part(arn, '/', 2),
      'roleSessionName', userName, 'durationSeconds', 3600)
    WHEN ev IN ('GetObject', 'PutObject') THEN json_object('bucketName', bucket, 'key', 'data/' || substr(h, 1, 8) || '.json')
    WHEN src = 's3.amazonaws.com' AND ev <> 'ListBuckets' THEN json_object('bucketName', bucket)
    WHEN ev IN ('Decrypt', 'GenerateDataKey') THEN json_object('keyId',
      'arn:aws:kms:' || region || ':' || account || ':key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      'encryptionAlgorithm', 'SYMMETRIC_DEFAULT')
    WHEN ev = 'GetParameter' THEN json_object('name',
      pick(['/prod/db/url', '/prod/api/stripe-key', '/staging/db/url', '/shared/datadog-key'], i, 'ct.param'),
      'withDecryption', true)
    WHEN ev = 'AuthorizeSecurityGroupIngress' THEN json_object('groupId', 'sg-0' || substr(h, 1, 16),
      'ipPermissions', json_object('items', json_array(json_object('ipProtocol', 'tcp',
        'fromPort', 443, 'toPort', 443,
        'ipRanges', json_object('items', json_array(json_object('cidrIp', '10.0.0.0/8')))))))
    WHEN ev IN ('CreateAccessKey', 'CreateUser', 'CreateLoginProfile', 'GetUser') THEN
      json_object('userName', pick(${stringList(personUsers)}, i, 'ct.target'))
    WHEN ev = 'AttachRolePolicy' THEN json_object('roleName', 'lambda-exec',
      'policyArn', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
    WHEN ev IN ('RunInstances', 'StopInstances', 'ModifyInstanceAttribute') THEN json_object(
      'instanceType', pick(['t3.micro', 't3.large', 'm5.xlarge'], i, 'ct.itype'),
      'instanceId', 'i-0' || substr(h, 9, 16))
    ELSE NULL END AS requestParameters,
  CASE
    WHEN login THEN json_object('ConsoleLogin', CASE WHEN login_failed THEN 'Failure' ELSE 'Success' END)
    WHEN ev = 'AssumeRole' AND NOT denied THEN json_object('credentials', json_object(
      'accessKeyId', 'ASIA' || upper(substr(h, 1, 16)), 'expiration', strftime(ts + INTERVAL 1 HOUR, '%Y-%m-%dT%H:%M:%SZ')))
    ELSE NULL END AS responseElements,
  CASE WHEN login THEN json_object('LoginTo', 'https://console.aws.amazon.com/console/home', 'MobileVersion', 'No',
    'MFAUsed', CASE WHEN type = 'IAMUser' AND r_mfa >= 0.03 THEN 'Yes' ELSE 'No' END) END AS additionalEventData,
  CASE WHEN denied THEN 'AccessDenied' END AS errorCode,
  CASE WHEN denied THEN 'User: ' || arn || ' is not authorized to perform: ' || split_part(src, '.', 1) || ':' || ev
       WHEN login_failed THEN 'Failed authentication' END AS errorMessage,
  CASE WHEN login THEN NULL ELSE ${uuidOf('h2')} END AS requestID,
  ${uuidOf('h')} AS eventID, ro AS readOnly,
  CASE WHEN login THEN 'AwsConsoleSignIn' ELSE 'AwsApiCall' END AS eventType,
  ev NOT IN ('GetObject', 'PutObject') AS managementEvent, account AS recipientAccountId,
  CASE WHEN ev IN ('GetObject', 'PutObject') THEN 'Data' ELSE 'Management' END AS eventCategory,
  ${standardTail('AWS.CloudTrail', 'h', 'ts')},
  [ip] AS p_any_ip_addresses, [account] AS p_any_aws_account_ids, [arn] AS p_any_aws_arns,
  [userName] AS p_any_usernames, CASE WHEN email IS NOT NULL THEN [email] END AS p_any_emails,
  [split_part(principal, ':', 1)] AS p_any_actor_ids,
  CASE WHEN ev IN ('RunInstances', 'StopInstances', 'ModifyInstanceAttribute') THEN ['i-0' || substr(h, 9, 16)] END AS p_any_aws_instance_ids
FROM f`;
  return [actors.sql, pe.sql, se.sql, re.sql, insert];
}

/** CloudTrail's userIdentity object of an actor, computed once per actor instead of once per row. */
function withIdentity(a: Record<string, unknown>): Record<string, unknown> {
  const identity: Record<string, unknown> = {
    type: a['type'],
    principalId: a['principal'],
    arn: a['arn'],
    accountId: a['account'],
  };
  if (a['type'] === 'IAMUser') identity['userName'] = a['userName'];
  else {
    identity['sessionContext'] = {
      sessionIssuer: {
        type: 'Role',
        userName: a['issuer'],
        arn: `arn:aws:iam::${String(a['account'])}:role/${String(a['issuer'])}`,
      },
      attributes: { mfaAuthenticated: 'false' },
    };
  }
  return { ...a, identity };
}

const OKTA_COMMON: (readonly [string, number])[] = [
  ['user.session.start', 30],
  ['user.authentication.sso', 30],
  ['user.authentication.auth_via_mfa', 15],
  ['policy.evaluate_sign_on', 10],
  ['user.session.end', 8],
  ['app.oauth2.as.token.grant', 5],
  ['group.user_membership.add', 1],
];

const OKTA_RARE = [
  'user.account.privilege.grant',
  'user.mfa.factor.deactivate',
  'user.account.reset_password',
  'system.api_token.create',
  'user.lifecycle.create',
  'application.user_membership.add',
  'policy.lifecycle.update',
];

export const OKTA_MESSAGES: Record<string, string> = {
  'user.session.start': 'User login to Okta',
  'user.authentication.sso': 'User single sign on to app',
  'user.authentication.auth_via_mfa': 'Authentication of user via MFA',
  'policy.evaluate_sign_on': 'Evaluation of sign-on policy',
  'user.session.end': 'User logout from Okta',
  'app.oauth2.as.token.grant': 'OAuth2 access token is granted',
  'group.user_membership.add': 'Add user to group membership',
  'user.account.privilege.grant': 'Grant user privilege',
  'user.mfa.factor.deactivate': 'Reset factor for user',
  'user.account.reset_password': 'Fired when the user password is reset',
  'system.api_token.create': 'Create API token',
  'user.lifecycle.create': 'Create Okta user',
  'application.user_membership.add': 'Add user to application membership',
  'policy.lifecycle.update': 'Update policy',
  'user.account.lock': 'Max sign in attempts exceeded',
};

/** One row per (person, usual address): the actor, client and security context objects precomputed. */
function oktaPeopleByIp(): (readonly [Record<string, unknown>, number])[] {
  return PEOPLE.flatMap((p) =>
    p.ips.map((ip) => {
      const org = ip.startsWith('203.0.113.') ? 'Acme Corp' : 'Example Broadband';
      return [
        {
          id: oktaActorId(p.user),
          email: p.email,
          user: p.user,
          ip,
          actor: {
            id: oktaActorId(p.user),
            type: 'User',
            alternateId: p.email,
            displayName: `${p.given} ${p.family}`,
          },
          client: {
            ipAddress: ip,
            device: 'Computer',
            zone: 'null',
            userAgent: { rawUserAgent: BROWSER, os: 'Mac OS X', browser: 'CHROME' },
            geographicalContext: { city: p.city, country: p.country },
          },
          security: { asOrg: org, isProxy: false, domain: org === 'Acme Corp' ? 'acme.io' : 'example.net' },
        },
        1,
      ] as const;
    }),
  );
}

/** CASE expression mapping an Okta event type to its display message. */
export function oktaMessageSql(column: string): string {
  return `CASE ${column} ${Object.entries(OKTA_MESSAGES)
    .map(([k, v]) => `WHEN ${q(k)} THEN ${q(v)}`)
    .join(' ')} END`;
}

export function oktaNoiseSql(n: number): string[] {
  const people = dimSql('sbx_ok_p', oktaPeopleByIp());
  const common = dimSql(
    'sbx_ok_ev',
    OKTA_COMMON.map(([et, w]) => [{ et }, w] as const),
  );
  const insert = `INSERT INTO panther_logs.public.okta_systemlog BY NAME
WITH b AS (
  SELECT i, age_ts(i, 'ok.t') AS ts, p.id, p.email, p."user", p.ip, p.actor, p.client, p.security,
    CASE WHEN rnd(i, 'ok.rare') < 0.003 THEN pick(${stringList(OKTA_RARE)}, i, 'ok.re') ELSE e.et END AS et,
    rnd(i, 'ok.fail') AS r_fail, pick(${stringList(OKTA_APPS)}, i, 'ok.app') AS app,
    hexid(i, 'ok.row') AS row_id, hexid(i, 'ok.uuid') AS h, 'Y' || substr(hexid(i, 'ok.tx'), 1, 22) AS tx
  FROM range(${n}) t(i)
  ${join('sbx_ok_p', 'p', 'ok.p', people.size)}
  ${join('sbx_ok_ev', 'e', 'ok.ev', common.size)}
), f AS (
  SELECT *,
    (et = 'user.session.start' AND r_fail < 0.03) OR (et = 'user.authentication.auth_via_mfa' AND r_fail < 0.02) AS failed
  FROM b
)
SELECT ${uuidOf('h')} AS uuid, ts AS published, et AS eventType, '0' AS version,
  CASE WHEN failed THEN 'WARN' ELSE 'INFO' END AS severity, ${oktaMessageSql('et')} AS displayMessage,
  CASE WHEN et = 'user.session.start' THEN 'core.user_auth.login_' || CASE WHEN failed THEN 'failed' ELSE 'success' END END AS legacyEventType,
  actor, client,
  CASE WHEN failed THEN '{"result":"FAILURE","reason":"INVALID_CREDENTIALS"}'::JSON
       ELSE '{"result":"SUCCESS","reason":null}'::JSON END AS outcome,
  CASE WHEN et IN ('user.authentication.sso', 'application.user_membership.add') THEN
      json_array(json_object('type', 'AppInstance', 'alternateId', app, 'displayName', app))
    WHEN et IN ('user.account.privilege.grant', 'user.mfa.factor.deactivate', 'user.account.reset_password',
      'user.lifecycle.create', 'group.user_membership.add') THEN json_array(actor)
    END AS target,
  json_object('type', 'WEB', 'id', tx) AS transaction,
  CASE WHEN et = 'user.session.start' THEN '{"debugData":{"requestUri":"/api/v1/authn","threatSuspected":"false"}}'::JSON
       ELSE '{"debugData":{"requestUri":"/app/sso","threatSuspected":"false"}}'::JSON END AS debugContext,
  json_object('authenticationStep', 0, 'externalSessionId', 'idx' || substr(row_id, 1, 20)) AS authenticationContext,
  security AS securityContext,
  ${standardTail('Okta.SystemLog', 'row_id', 'ts')},
  [ip] AS p_any_ip_addresses, [email] AS p_any_emails, ["user"] AS p_any_usernames,
  [tx] AS p_any_trace_ids, [id] AS p_any_actor_ids
FROM f`;
  return [people.sql, common.sql, insert];
}

const GITHUB_COMMON: (readonly [string, number])[] = [
  ['git.clone', 25],
  ['git.fetch', 20],
  ['git.push', 15],
  ['pull_request.create', 8],
  ['pull_request.merge', 6],
  ['pull_request_review.submit', 6],
  ['workflows.completed_workflow_run', 10],
  ['repo.download_zip', 1],
  ['team.add_member', 1],
];

const GITHUB_RARE = [
  'repo.create',
  'repo.access',
  'protected_branch.policy_override',
  'org.add_member',
  'org.remove_member',
  'hook.create',
  'integration_installation.create',
  'personal_access_token.request_created',
  'repo.transfer_outgoing',
];

function githubPeopleByIp(): (readonly [Record<string, unknown>, number])[] {
  return PEOPLE.flatMap((p) =>
    p.ips.map(
      (ip) =>
        [
          {
            login: p.githubLogin,
            gid: githubActorId(p.githubLogin),
            ip,
            location: { country_code: p.country },
          },
          1,
        ] as const,
    ),
  );
}

export function githubNoiseSql(n: number): string[] {
  const people = dimSql('sbx_gh_p', githubPeopleByIp());
  const actions = dimSql(
    'sbx_gh_ev',
    GITHUB_COMMON.map(([act, w]) => [{ act }, w] as const),
  );
  const logins = stringList(PEOPLE.map((p) => p.githubLogin));
  const insert = `INSERT INTO panther_logs.public.github_audit BY NAME
WITH b AS (
  SELECT i, age_ts(i, 'gh.t') AS ts, p.login, p.gid, p.ip, p.location, pick(${logins}, i, 'gh.u') AS target,
    CASE WHEN rnd(i, 'gh.rare') < 0.003 THEN pick(${stringList(GITHUB_RARE)}, i, 'gh.re') ELSE e.act END AS act,
    pick(${stringList(GITHUB_REPOS)}, i, 'gh.repo') AS repo, hexid(i, 'gh.row') AS row_id
  FROM range(${n}) t(i)
  ${join('sbx_gh_p', 'p', 'gh.p', people.size)}
  ${join('sbx_gh_ev', 'e', 'gh.ev', actions.size)}
)
SELECT act AS action, login AS actor, gid AS actor_id, ip AS actor_ip, location AS actor_location,
  ts AS created_at, ${q(GITHUB_ORG)} AS org,
  CASE WHEN act NOT LIKE 'org.%' AND act NOT LIKE 'team.%' THEN ${q(`${GITHUB_ORG}/`)} || repo END AS repo,
  CASE WHEN act IN ('org.add_member', 'org.remove_member', 'team.add_member') THEN target END AS "user",
  CASE WHEN act = 'team.add_member' THEN ${q(`${GITHUB_ORG}/`)} || pick(['platform', 'security', 'mobile', 'data'], i, 'gh.team') END AS team,
  CASE WHEN act IN ('repo.access', 'repo.create') THEN 'private' END AS visibility,
  CASE WHEN act = 'repo.access' THEN 'internal' END AS previous_visibility,
  CASE WHEN act LIKE 'git.%' OR act = 'repo.download_zip' THEN 'access'
       WHEN act LIKE '%.create' OR act LIKE '%add_member' THEN 'create'
       WHEN act LIKE '%remove%' THEN 'remove' ELSE 'modify' END AS operation_type,
  CASE WHEN act LIKE 'git.%' THEN pick(['http', 'ssh'], i, 'gh.proto') END AS transport_protocol_name,
  CASE WHEN act LIKE 'git.%' THEN 'OAuth access token' END AS programmatic_access_type,
  ${standardTail('GitHub.Audit', 'row_id', 'ts')},
  [ip] AS p_any_ip_addresses,
  CASE WHEN act IN ('org.add_member', 'org.remove_member', 'team.add_member') THEN [login, target] ELSE [login] END AS p_any_usernames
FROM b`;
  return [people.sql, actions.sql, insert];
}

export function vpcFlowNoiseSql(n: number): string[] {
  const web = INTERNAL_HOSTS.slice(0, 6);
  const app = INTERNAL_HOSTS.slice(6, 14);
  const db = INTERNAL_HOSTS.slice(14, 18);
  const externals = [
    ...PEOPLE.flatMap((p) => p.ips),
    ...Array.from({ length: 40 }, (_, i) => `198.51.100.${180 + i}`),
  ];
  const kinds: (readonly [string, number])[] = [
    ['egress_https', 35],
    ['ingress_https', 25],
    ['internal_db', 15],
    ['dns', 15],
    ['ssh_internal', 3],
    ['ingress_ssh', 2],
    ['background_scan', 5],
  ];
  const kindDim = dimSql(
    'sbx_vf_kind',
    kinds.map(([kind, w]) => [{ kind }, w] as const),
  );
  const extDim = dimSql(
    'sbx_vf_ext',
    externals.map((ext) => [{ ext }, 1] as const),
  );
  const insert = `INSERT INTO panther_logs.public.aws_vpcflow BY NAME
WITH b AS (
  SELECT i, age_ts(i, 'vf.t') AS ts, k.kind, x.ext,
    pick(${stringList(web)}, i, 'vf.web') AS web, pick(${stringList(app)}, i, 'vf.app') AS app,
    pick(${stringList(db)}, i, 'vf.db') AS db,
    32768 + rint(i, 'vf.eph', 28000) AS eph, hexid(i, 'vf.row') AS row_id
  FROM range(${n}) t(i)
  ${join('sbx_vf_kind', 'k', 'vf.k', kindDim.size)}
  ${join('sbx_vf_ext', 'x', 'vf.ext', extDim.size)}
), f AS (
  SELECT *,
    CASE kind WHEN 'egress_https' THEN app WHEN 'ingress_https' THEN ext WHEN 'internal_db' THEN app
      WHEN 'dns' THEN app WHEN 'ssh_internal' THEN '10.0.1.5' ELSE ext END AS src,
    CASE kind WHEN 'egress_https' THEN ext WHEN 'ingress_https' THEN web WHEN 'internal_db' THEN db
      WHEN 'dns' THEN '10.0.0.2' WHEN 'ssh_internal' THEN app ELSE web END AS dst,
    CASE kind WHEN 'internal_db' THEN 5432 WHEN 'dns' THEN 53 WHEN 'ssh_internal' THEN 22 WHEN 'ingress_ssh' THEN 22
      WHEN 'background_scan' THEN pick([23, 445, 3389, 8080, 6379, 9200], i, 'vf.scan') ELSE 443 END AS dport,
    CASE WHEN kind IN ('ingress_ssh', 'background_scan') THEN 'REJECT'
      WHEN rnd(i, 'vf.rej') < 0.01 THEN 'REJECT' ELSE 'ACCEPT' END AS act
  FROM b
)
SELECT 2 AS version, ${q(AWS_ACCOUNTS.prod)} AS accountId, 'eni-0' || substr(md5(dst), 1, 16) AS interfaceId,
  src AS srcAddr, dst AS dstAddr, eph::INTEGER AS srcPort, dport::INTEGER AS dstPort,
  CASE WHEN kind = 'dns' THEN 17 ELSE 6 END AS protocol,
  CASE WHEN act = 'REJECT' THEN 1 ELSE 2 + rint(i, 'vf.pk', 400) END AS packets,
  CASE WHEN act = 'REJECT' THEN 40 + rint(i, 'vf.rb', 20) ELSE 120 + rint(i, 'vf.by', 250000) END AS bytes,
  ts AS start, ts + INTERVAL 60 SECOND AS "end", act AS action, 'OK' AS logStatus,
  'vpc-0a1b2c3d4e5f60718' AS vpcId,
  CASE WHEN dst LIKE '10.%' THEN 'i-0' || substr(md5(dst), 1, 16) ELSE 'i-0' || substr(md5(src), 1, 16) END AS instanceId,
  CASE WHEN src LIKE '10.%' THEN 'egress' ELSE 'ingress' END AS flowDirection,
  ${standardTail('AWS.VPCFlow', 'row_id', 'ts')},
  [src, dst] AS p_any_ip_addresses, [${q(AWS_ACCOUNTS.prod)}] AS p_any_aws_account_ids,
  [CASE WHEN dst LIKE '10.%' THEN 'i-0' || substr(md5(dst), 1, 16) ELSE 'i-0' || substr(md5(src), 1, 16) END] AS p_any_aws_instance_ids
FROM f`;
  return [kindDim.sql, extDim.sql, insert];
}

/** The statements that generate `n` rows of a log table. */
export function noiseSql(table: NoiseTable, n: number): string[] {
  switch (table) {
    case 'aws_cloudtrail':
      return cloudTrailNoiseSql(n);
    case 'okta_systemlog':
      return oktaNoiseSql(n);
    case 'github_audit':
      return githubNoiseSql(n);
    case 'aws_vpcflow':
      return vpcFlowNoiseSql(n);
  }
}
