/**
 * Attack stories: short sequences of events that the sandbox's detections match, placed at several ages
 * in the last two weeks. They are what most alerts are made of.
 */

import { githubActorId, OKTA_MESSAGES, oktaActorId } from './noise/index.js';
import type { Random } from './random.js';
import { createRowFactory, type LakeRow } from './rows.js';
import {
  ATTACKER_IPS,
  AWS_ACCOUNTS,
  GITHUB_ORG,
  GITHUB_REPOS,
  INTERNAL_HOSTS,
  PEOPLE,
  type Person,
} from './world.js';

export type StoryRows = Record<string, LakeRow[]>;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const HACKER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/118.0';

export function generateStories(seed: number, now: Date, rng: Random): StoryRows {
  const out: StoryRows = { aws_cloudtrail: [], okta_systemlog: [], github_audit: [], aws_vpcflow: [] };
  const f = createRowFactory(seed, 'story');
  const at = (t0: number, offsetMs: number) => new Date(t0 + offsetMs);
  const iamPeople = PEOPLE.filter((p) => p.iamUser);

  for (const ageDays of [0.1, 4.2, 11]) {
    const t0 = now.getTime() - ageDays * DAY - rng.int(0, 90) * MIN;
    out.aws_cloudtrail!.push(
      ...compromisedIamUser(f, t0, rng.pick(iamPeople), rng.pick(ATTACKER_IPS), rng, at),
    );
  }
  for (const ageDays of [0.03, 3, 8.5]) {
    const t0 = now.getTime() - ageDays * DAY - rng.int(20, 60) * MIN;
    out.okta_systemlog!.push(...oktaBruteForce(f, t0, rng.pick(PEOPLE), rng.pick(ATTACKER_IPS), rng, at));
  }
  for (const ageDays of [0.25, 6]) {
    const t0 = now.getTime() - ageDays * DAY - rng.int(0, 120) * MIN;
    out.github_audit!.push(...githubExfiltration(f, t0, rng.pick(PEOPLE), rng.pick(ATTACKER_IPS), rng, at));
  }
  for (const ageDays of [0.05, 2, 9, 13]) {
    const t0 = now.getTime() - ageDays * DAY - rng.int(0, 30) * MIN;
    out.aws_vpcflow!.push(...portScan(f, t0, rng.pick(ATTACKER_IPS), rng, at));
  }
  return out;
}

type At = (t0: number, offsetMs: number) => Date;
type F = ReturnType<typeof createRowFactory>;

function compromisedIamUser(f: F, t0: number, victim: Person, ip: string, rng: Random, at: At): LakeRow[] {
  const account = AWS_ACCOUNTS.prod;
  const arn = `arn:aws:iam::${account}:user/${victim.user}`;
  const identity = {
    type: 'IAMUser',
    principalId: `AIDA${victim.user.replace('.', '').toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn,
    accountId: account,
    userName: victim.user,
  };
  const backdoor = `svc-backup-${rng.hex(4)}`;
  const rows: LakeRow[] = [];
  const ct = (offset: number, eventName: string, source: string, extra: LakeRow = {}) =>
    rows.push(
      f.row(
        'AWS.CloudTrail',
        at(t0, offset),
        {
          eventVersion: '1.09',
          eventTime: at(t0, offset),
          eventSource: source,
          eventName,
          awsRegion: 'us-east-1',
          sourceIPAddress: ip,
          userAgent:
            eventName === 'ConsoleLogin'
              ? HACKER_AGENT
              : 'aws-cli/2.13.0 Python/3.11.4 Linux/5.15.0 exe/x86_64',
          userIdentity: identity,
          requestID: eventName === 'ConsoleLogin' ? null : rng.uuid(),
          eventID: rng.uuid(),
          readOnly:
            eventName.startsWith('List') || eventName.startsWith('Get') || eventName.startsWith('Describe'),
          eventType: eventName === 'ConsoleLogin' ? 'AwsConsoleSignIn' : 'AwsApiCall',
          managementEvent: true,
          recipientAccountId: account,
          eventCategory: 'Management',
          ...extra,
        },
        {
          p_any_ip_addresses: [ip],
          p_any_aws_arns: [arn],
          p_any_aws_account_ids: [account],
          p_any_usernames: [victim.user],
          p_any_actor_ids: [identity.principalId],
        },
      ),
    );
  const login = (offset: number, ok: boolean) =>
    ct(offset, 'ConsoleLogin', 'signin.amazonaws.com', {
      responseElements: { ConsoleLogin: ok ? 'Success' : 'Failure' },
      additionalEventData: {
        LoginTo: 'https://console.aws.amazon.com/console/home',
        MobileVersion: 'No',
        MFAUsed: 'No',
      },
      errorMessage: ok ? null : 'Failed authentication',
    });
  login(-3 * MIN, false);
  login(-2 * MIN, false);
  login(0, true);
  const recon: [string, string][] = [
    ['ListUsers', 'iam.amazonaws.com'],
    ['ListRoles', 'iam.amazonaws.com'],
    ['GetAccountAuthorizationDetails', 'iam.amazonaws.com'],
    ['ListBuckets', 's3.amazonaws.com'],
    ['DescribeInstances', 'ec2.amazonaws.com'],
    ['ListSecrets', 'secretsmanager.amazonaws.com'],
  ];
  for (const [i, [name, source]] of recon.entries()) ct((1 + i * 0.5) * MIN, name, source);
  const denied: [string, string][] = [
    ['ListDetectors', 'guardduty.amazonaws.com'],
    ['DescribeTrails', 'cloudtrail.amazonaws.com'],
    ['GetAccountPasswordPolicy', 'iam.amazonaws.com'],
    ['ListOrganizationalUnitsForParent', 'organizations.amazonaws.com'],
    ['DescribeOrganization', 'organizations.amazonaws.com'],
    ['ListKeys', 'kms.amazonaws.com'],
    ['GetBucketPolicy', 's3.amazonaws.com'],
  ];
  for (const [i, [name, source]] of denied.entries()) {
    ct((4 + i * 0.3) * MIN, name, source, {
      errorCode: 'AccessDenied',
      errorMessage: `User: ${arn} is not authorized to perform: ${source.split('.')[0]}:${name}`,
    });
  }
  ct(8 * MIN, 'CreateUser', 'iam.amazonaws.com', { requestParameters: { userName: backdoor } });
  ct(8.5 * MIN, 'AttachUserPolicy', 'iam.amazonaws.com', {
    requestParameters: { userName: backdoor, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  });
  ct(9 * MIN, 'CreateAccessKey', 'iam.amazonaws.com', {
    requestParameters: { userName: backdoor },
    responseElements: {
      accessKey: { userName: backdoor, accessKeyId: `AKIA${rng.hex(16).toUpperCase()}`, status: 'Active' },
    },
  });
  for (let i = 0; i < 36; i++) {
    ct(10 * MIN + i * 6000, 'GetParameter', 'ssm.amazonaws.com', {
      requestParameters: {
        name: `/prod/${rng.pick(['db', 'api', 'payments', 'stripe', 'sendgrid', 'jwt'])}/secret-${i}`,
        withDecryption: true,
      },
    });
  }
  ct(15 * MIN, 'StopLogging', 'cloudtrail.amazonaws.com', { requestParameters: { name: 'acme-org-trail' } });
  const group = `sg-0${rng.hex(16)}`;
  ct(16 * MIN, 'AuthorizeSecurityGroupIngress', 'ec2.amazonaws.com', {
    requestParameters: {
      groupId: group,
      ipPermissions: {
        items: [
          { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
        ],
      },
    },
  });
  ct(17 * MIN, 'PutBucketPolicy', 's3.amazonaws.com', {
    requestParameters: {
      bucketName: 'acme-customer-exports',
      bucketPolicy: {
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 's3:GetObject' },
        ],
      },
    },
  });
  return rows;
}

function oktaBruteForce(f: F, t0: number, victim: Person, ip: string, rng: Random, at: At): LakeRow[] {
  const rows: LakeRow[] = [];
  const actorId = oktaActorId(victim.user);
  const ok = (offset: number, eventType: string, failed: boolean, target: unknown = null) => {
    const tx = `Y${rng.hex(22)}`;
    rows.push(
      f.row(
        'Okta.SystemLog',
        at(t0, offset),
        {
          uuid: rng.uuid(),
          published: at(t0, offset),
          eventType,
          version: '0',
          severity: failed ? 'WARN' : 'INFO',
          displayMessage: OKTA_MESSAGES[eventType] ?? eventType,
          legacyEventType:
            eventType === 'user.session.start'
              ? `core.user_auth.login_${failed ? 'failed' : 'success'}`
              : null,
          actor: {
            id: actorId,
            type: 'User',
            alternateId: victim.email,
            displayName: `${victim.given} ${victim.family}`,
          },
          client: {
            ipAddress: ip,
            device: 'Computer',
            zone: 'null',
            userAgent: { rawUserAgent: HACKER_AGENT, os: 'Linux', browser: 'FIREFOX' },
            geographicalContext: { city: 'Unknown', country: 'NL' },
          },
          outcome: { result: failed ? 'FAILURE' : 'SUCCESS', reason: failed ? 'INVALID_CREDENTIALS' : null },
          target,
          transaction: { type: 'WEB', id: tx },
          debugContext: {
            debugData: { requestUri: '/api/v1/authn', threatSuspected: failed ? 'true' : 'false' },
          },
          authenticationContext: { authenticationStep: 0, externalSessionId: `idx${rng.hex(20)}` },
          securityContext: { asOrg: 'Shady Hosting LLC', isProxy: true, domain: 'shady-hosting.example' },
        },
        {
          p_any_ip_addresses: [ip],
          p_any_emails: [victim.email],
          p_any_usernames: [victim.user],
          p_any_trace_ids: [tx],
          p_any_actor_ids: [actorId],
        },
      ),
    );
  };
  const failures = rng.int(26, 40);
  for (let i = 0; i < failures; i++) ok(i * 20_000, 'user.session.start', true);
  ok(failures * 20_000 + 1000, 'user.account.lock', false);
  const t = 15 * MIN;
  ok(t, 'user.session.start', false);
  ok(t + 2 * MIN, 'user.mfa.factor.deactivate', false, [
    { type: 'User', alternateId: victim.email, displayName: `${victim.given} ${victim.family}`, id: actorId },
  ]);
  for (const app of ['AWS IAM Identity Center', 'Salesforce', 'Slack']) {
    ok(t + 3 * MIN + rng.int(0, 60_000), 'user.authentication.sso', false, [
      { type: 'AppInstance', alternateId: app, displayName: app },
    ]);
  }
  return rows;
}

function githubExfiltration(f: F, t0: number, victim: Person, ip: string, rng: Random, at: At): LakeRow[] {
  const rows: LakeRow[] = [];
  const login = victim.githubLogin;
  const gh = (offset: number, action: string, extra: LakeRow) =>
    rows.push(
      f.row(
        'GitHub.Audit',
        at(t0, offset),
        {
          action,
          actor: login,
          actor_id: githubActorId(login),
          actor_ip: ip,
          actor_location: { country_code: 'NL' },
          created_at: at(t0, offset),
          org: GITHUB_ORG,
          operation_type: action.startsWith('git.') ? 'access' : 'modify',
          programmatic_access_type: 'Personal access token (classic)',
          ...extra,
        },
        { p_any_ip_addresses: [ip], p_any_usernames: [login] },
      ),
    );
  for (const [i, repo] of GITHUB_REPOS.entries()) {
    gh(i * 70_000, 'git.clone', { repo: `${GITHUB_ORG}/${repo}`, transport_protocol_name: 'http' });
  }
  gh(12 * MIN, 'repo.download_zip', { repo: `${GITHUB_ORG}/payments-service` });
  gh(14 * MIN, 'protected_branch.destroy', { repo: `${GITHUB_ORG}/web-app` });
  gh(16 * MIN, 'repo.access', {
    repo: `${GITHUB_ORG}/secrets-rotation`,
    visibility: 'public',
    previous_visibility: 'private',
  });
  gh(18 * MIN, 'org.add_member', { user: `ghost-contractor-${rng.hex(3)}`, operation_type: 'create' });
  return rows;
}

function portScan(f: F, t0: number, ip: string, rng: Random, at: At): LakeRow[] {
  const rows: LakeRow[] = [];
  const target = rng.pick(INTERNAL_HOSTS.slice(0, 6));
  const ports = [
    21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1433, 1521, 1723, 2049, 2375,
  ];
  const more = [
    3000, 3306, 3389, 4444, 5000, 5432, 5601, 5900, 6379, 6443, 7001, 8000, 8080, 8081, 8443, 8888, 9000,
    9090, 9200, 9300, 11211, 27017,
  ];
  [...ports, ...more].forEach((port, i) => {
    const accepted = port === 443 || port === 22;
    const ts = at(t0, i * 3000);
    const instance = `i-0${target.replace(/\D/g, '').padEnd(16, '7').slice(0, 16)}`;
    rows.push(
      f.row(
        'AWS.VPCFlow',
        ts,
        {
          version: 2,
          accountId: AWS_ACCOUNTS.prod,
          interfaceId: `eni-0${rng.hex(16)}`,
          srcAddr: ip,
          dstAddr: target,
          srcPort: rng.int(40000, 60000),
          dstPort: port,
          protocol: 6,
          packets: accepted ? 3 : 1,
          bytes: accepted ? 180 : 44,
          start: ts,
          end: new Date(ts.getTime() + 60_000),
          action: accepted ? 'ACCEPT' : 'REJECT',
          logStatus: 'OK',
          vpcId: 'vpc-0a1b2c3d4e5f60718',
          instanceId: instance,
          flowDirection: 'ingress',
        },
        {
          p_any_ip_addresses: [ip, target],
          p_any_aws_account_ids: [AWS_ACCOUNTS.prod],
          p_any_aws_instance_ids: [instance],
        },
      ),
    );
  });
  return rows;
}
