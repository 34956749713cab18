/** AWS CloudTrail background activity: people (SSO and IAM users) and automation calling AWS. */
import { dimSql, stringList } from '../sqlLists.js';
import { AWS_ACCOUNTS, AWS_REGIONS, PEOPLE, S3_BUCKETS, SERVICE_ROLES } from '../world.js';
import { BROWSER, join, q, standardTail, uuidOf } from './common.js';

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
