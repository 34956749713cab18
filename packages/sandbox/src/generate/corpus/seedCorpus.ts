/**
 * Places the adversarial corpus in the generated world: events in the data lake (and, for those of an alert,
 * in panther_rule_matches and the signals), the alerts those events raise, comments by another user, a log
 * source and two console users. It runs after the detections have matched the normal data, so the normal
 * alerts, their ids and their triage history are the same with or without it.
 */
import type { AlertRecord, CommentDoc, Doc, RoleDoc, UserDoc } from '../../store/types.js';
import { alertDoc, deliveriesOf } from '../alertRecords.js';
import type { DetectionSpec } from '../detections/types.js';
import type { MatchedAlert } from '../matches.js';
import { githubActorId, OKTA_MESSAGES, oktaActorId } from '../noise/index.js';
import { Random } from '../random.js';
import { createRowFactory, type LakeRow } from '../rows.js';
import { AWS_ACCOUNTS, GITHUB_ORG, PEOPLE, sourceFor } from '../world.js';
import {
  adversarialCorpus,
  CORPUS_SOURCE,
  CORPUS_USERS,
  type CorpusAlertKey,
  corpusAlertId,
  corpusRowId,
  corpusUserId,
  type SeededPayload,
} from './layout.js';

const MIN = 60_000;
const DAY = 1440 * MIN;
/** The corpus's alerts are 8 to 12 days old: outside list_alerts' default week, inside the sandbox's two. */
const FIRST_AGE_DAYS = 8.2;

export interface CorpusData {
  /** panther_logs rows, by table. */
  logRows: Record<string, LakeRow[]>;
  /** panther_rule_matches rows (the events of the corpus's alerts, with the alert columns), by table. */
  matchRows: Record<string, LakeRow[]>;
  signalRows: LakeRow[];
  alerts: AlertRecord[];
  comments: CommentDoc[];
  users: UserDoc[];
  sources: Doc[];
}

interface AlertPlan {
  key: CorpusAlertKey;
  detectionId: string;
  title: string;
  context: Record<string, unknown>;
  table: string;
  events: LakeRow[];
}

const ATTACKER_IP = { cloudtrail: '192.0.2.87', okta: '192.0.2.145', github: '192.0.2.201' } as const;

export function seedCorpus(
  seed: number,
  now: Date,
  detections: readonly DetectionSpec[],
  roles: readonly RoleDoc[],
): CorpusData {
  const corpus = adversarialCorpus(seed);
  const rows = createRowFactory(seed, 'corpus');
  const rng = new Random(`${seed}|corpus`);
  const of = (carrier: SeededPayload['carrier']) => corpus.filter((c) => c.carrier === carrier);
  let ageStep = 0;
  const startOf = () => now.getTime() - (FIRST_AGE_DAYS + 0.37 * ageStep++) * DAY - rng.int(0, 50) * MIN;
  /** The row with its id: the payload's own, or a filler's. */
  const withId = (row: LakeRow, id: string): LakeRow => ({ ...row, p_row_id: corpusRowId(seed, id) });

  // ---- CloudTrail: console logins without MFA, one user agent each; S3 uploads with hostile file names ----
  const victim = PEOPLE.find((p) => p.iamUser && p.user === 'bob.martinez')!;
  const arn = `arn:aws:iam::${AWS_ACCOUNTS.prod}:user/${victim.user}`;
  const identity = {
    type: 'IAMUser',
    principalId: 'AIDABOBMARTINEZXXXX',
    arn,
    accountId: AWS_ACCOUNTS.prod,
    userName: victim.user,
  };
  const cloudTrail = (at: Date, eventName: string, fields: LakeRow): LakeRow =>
    rows.row(
      'AWS.CloudTrail',
      at,
      {
        eventVersion: '1.09',
        eventTime: at,
        awsRegion: 'us-east-1',
        sourceIPAddress: ATTACKER_IP.cloudtrail,
        userIdentity: identity,
        eventID: rng.uuid(),
        eventName,
        managementEvent: eventName === 'ConsoleLogin',
        recipientAccountId: AWS_ACCOUNTS.prod,
        ...fields,
      },
      {
        p_any_ip_addresses: [ATTACKER_IP.cloudtrail],
        p_any_aws_arns: [arn],
        p_any_aws_account_ids: [AWS_ACCOUNTS.prod],
        p_any_usernames: [victim.user],
        p_any_actor_ids: [identity.principalId],
      },
    );
  const loginsStart = startOf();
  const logins = of('cloudtrail.userAgent').map((c, i) =>
    withId(
      cloudTrail(new Date(loginsStart + i * 4 * MIN), 'ConsoleLogin', {
        eventSource: 'signin.amazonaws.com',
        userAgent: c.text,
        responseElements: { ConsoleLogin: 'Success' },
        additionalEventData: {
          LoginTo: 'https://console.aws.amazon.com/console/home',
          MobileVersion: 'No',
          MFAUsed: 'No',
        },
        readOnly: false,
        eventType: 'AwsConsoleSignIn',
        eventCategory: 'Management',
      }),
      c.id,
    ),
  );
  const uploads = of('cloudtrail.objectKey').map((c, i) =>
    withId(
      cloudTrail(new Date(loginsStart + (40 + i * 3) * MIN), 'PutObject', {
        eventSource: 's3.amazonaws.com',
        userAgent: '[aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22]',
        requestParameters: {
          bucketName: 'acme-customer-exports',
          key: c.text,
          Host: 'acme-customer-exports.s3.amazonaws.com',
        },
        readOnly: false,
        eventType: 'AwsApiCall',
        eventCategory: 'Data',
        requestID: rng.hex(16).toUpperCase(),
      }),
      c.id,
    ),
  );

  // ---- Okta: logins from a hosting provider typed with hostile user names (the titles); a brute force whose
  // failed logins carry hostile user agents ----
  const okta = (at: Date, fields: LakeRow, user: string, ip: string): LakeRow => {
    const tx = `Y${rng.hex(22)}`;
    return rows.row(
      'Okta.SystemLog',
      at,
      {
        uuid: rng.uuid(),
        published: at,
        eventType: 'user.session.start',
        version: '0',
        displayMessage: OKTA_MESSAGES['user.session.start'],
        transaction: { type: 'WEB', id: tx },
        debugContext: { debugData: { requestUri: '/api/v1/authn' } },
        securityContext: { asOrg: 'Shady Hosting LLC', isProxy: true, domain: 'shady-hosting.example' },
        ...fields,
      },
      { p_any_ip_addresses: [ip], p_any_usernames: [user], p_any_trace_ids: [tx] },
    );
  };
  const oktaActor = (alternateId: string) => ({
    id: oktaActorId(alternateId),
    type: 'User',
    alternateId,
    displayName: 'unknown',
  });
  const oktaClient = (ip: string, agent: string) => ({
    ipAddress: ip,
    device: 'Computer',
    zone: 'null',
    userAgent: { rawUserAgent: agent, os: 'Linux', browser: 'UNKNOWN' },
    geographicalContext: { city: 'Unknown', country: 'NL' },
  });
  const titled: AlertPlan[] = of('okta.alternateId').map((c) => {
    const ip = `192.0.2.${66 + (Number(c.id.slice(4)) % 120)}`;
    const event = withId(
      okta(
        new Date(startOf()),
        {
          severity: 'INFO',
          actor: oktaActor(c.text),
          client: oktaClient(ip, 'Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/118.0'),
          outcome: { result: 'SUCCESS', reason: null },
          legacyEventType: 'core.user_auth.login_success',
        },
        c.text,
        ip,
      ),
      c.id,
    );
    return {
      key: `okta-login-${c.id}`,
      detectionId: 'Okta.Login.FromHostingProvider',
      title: `Okta login by ${c.text} from hosting provider ${ip}`,
      context: { user: c.text, ip },
      table: 'okta_systemlog',
      events: [event],
    };
  });
  const bruteStart = startOf();
  const failed = (i: number, agent: string, id: string) =>
    withId(
      okta(
        new Date(bruteStart + i * 20_000),
        {
          severity: 'WARN',
          actor: oktaActor(`${PEOPLE[4]!.email}`),
          client: oktaClient(ATTACKER_IP.okta, agent),
          outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' },
          legacyEventType: 'core.user_auth.login_failed',
        },
        PEOPLE[4]!.user,
        ATTACKER_IP.okta,
      ),
      id,
    );
  const agents = of('okta.userAgent');
  const brute = [
    ...agents.map((c, i) => failed(i, c.text, c.id)),
    // Plain failures too: a brute force is mostly noise around the hostile agents.
    ...Array.from({ length: 6 }, (_, i) =>
      failed(agents.length + i, 'python-requests/2.31.0', `okta-bruteforce-${i}`),
    ),
  ];

  // ---- GitHub: members added to the organization, with hostile team names ----
  const githubStart = startOf();
  const newcomer = 'ghost-contractor-7f1';
  const actor = PEOPLE[8]!.githubLogin;
  const members = of('github.team').map((c, i) => {
    const at = new Date(githubStart + i * 2 * MIN);
    return withId(
      rows.row(
        'GitHub.Audit',
        at,
        {
          action: 'org.add_member',
          actor,
          actor_id: githubActorId(actor),
          actor_ip: ATTACKER_IP.github,
          actor_location: { country_code: 'NL' },
          created_at: at,
          org: GITHUB_ORG,
          user: newcomer,
          team: c.text,
          operation_type: 'create',
          programmatic_access_type: 'Personal access token (classic)',
        },
        { p_any_ip_addresses: [ATTACKER_IP.github], p_any_usernames: [actor, newcomer] },
      ),
      c.id,
    );
  });

  const plans: AlertPlan[] = [
    {
      key: 'cloudtrail-logins',
      detectionId: 'AWS.Console.LoginWithoutMFA',
      title: `AWS console login without MFA by ${victim.user} from ${ATTACKER_IP.cloudtrail}`,
      context: { user: victim.user, sourceIPAddress: ATTACKER_IP.cloudtrail, account: AWS_ACCOUNTS.prod },
      table: 'aws_cloudtrail',
      events: logins,
    },
    ...titled,
    {
      key: 'okta-bruteforce',
      detectionId: 'Okta.BruteForceLogins',
      title: `Okta brute force logins from ${ATTACKER_IP.okta}`,
      context: { ip: ATTACKER_IP.okta, targets: PEOPLE[4]!.email },
      table: 'okta_systemlog',
      events: brute,
    },
    {
      key: 'github-members',
      detectionId: 'GitHub.Org.MemberAdded',
      title: `GitHub user ${newcomer} added to ${GITHUB_ORG} by ${actor}`,
      context: { user: newcomer, actor },
      table: 'github_audit',
      events: members,
    },
  ];

  const data: CorpusData = {
    logRows: {
      aws_cloudtrail: [...logins, ...uploads],
      okta_systemlog: [...titled.flatMap((t) => t.events), ...brute],
      github_audit: members,
    },
    matchRows: {},
    signalRows: [],
    alerts: [],
    comments: [],
    users: corpusUsers(now, roles, corpus),
    sources: [corpusSource(now, corpus)],
  };
  for (const plan of plans) {
    const detection = detections.find((d) => d.id === plan.detectionId);
    if (detection === undefined) throw new Error(`corpus alert of unknown detection ${plan.detectionId}`);
    const alert = matchedAlert(seed, plan, detection);
    data.alerts.push({
      doc: alertDoc(alert, 'RULE', deliveriesOf(alert, 'ALERT', rng), now),
      listing: 'ALERT',
      status: 'OPEN',
      assigneeId: null,
      updatedAt: null,
      updatedBy: null,
      eventTable: `panther_rule_matches.public.${plan.table}`,
    });
    data.matchRows[plan.table] ??= [];
    const matches = data.matchRows[plan.table]!;
    for (const event of plan.events) {
      const match = {
        ...event,
        p_alert_id: alert.alertId,
        p_alert_creation_time: alert.createdAt,
        p_alert_update_time: alert.lastEventAt,
        p_alert_context: plan.context,
        p_alert_severity: detection.severity,
        p_rule_id: detection.id,
        p_rule_severity: detection.severity,
        p_rule_tags: detection.tags,
        p_rule_reports: detection.reports,
      };
      matches.push(match);
      data.signalRows.push(match);
    }
  }
  data.comments = corpusComments(corpus, data.alerts);
  return data;
}

function matchedAlert(seed: number, plan: AlertPlan, detection: DetectionSpec): MatchedAlert {
  const times = plan.events.map((e) => (e['p_event_time'] as Date).getTime());
  const first = Math.min(...times);
  return {
    alertId: corpusAlertId(seed, plan.key),
    detection,
    matcher: detection.matcher!,
    eventCount: plan.events.length,
    firstEventAt: new Date(first),
    lastEventAt: new Date(Math.max(...times)),
    createdAt: new Date(first + 75_000),
    title: plan.title,
    context: plan.context,
    sourceIds: [sourceFor(plan.events[0]!['p_log_type'] as string).id],
    eventTable: `panther_rule_matches.public.${plan.table}`,
  };
}

/** The comments, each by the first corpus user, a few minutes apart after their alert was created. */
function corpusComments(corpus: readonly SeededPayload[], alerts: readonly AlertRecord[]): CommentDoc[] {
  const author = { id: corpusUserId(CORPUS_USERS[0].email), type: 'user' as const };
  return corpus
    .filter((c) => c.commentId !== undefined)
    .map((c, i) => {
      const alert = alerts.find((a) => a.doc.id === c.alertId)!;
      const at = new Date(Date.parse(alert.doc.createdAt) + (20 + i * 7) * MIN).toISOString();
      return {
        id: c.commentId!,
        alertId: alert.doc.id,
        body: c.text,
        format: c.technique === 'hidden-html' ? 'HTML' : 'PLAIN_TEXT',
        createdAt: at,
        createdBy: author,
        updatedAt: at,
        updatedBy: author,
      } satisfies CommentDoc;
    });
}

function corpusUsers(now: Date, roles: readonly RoleDoc[], corpus: readonly SeededPayload[]): UserDoc[] {
  const text = new Map(corpus.map((c) => [c.id, c.text]));
  return CORPUS_USERS.map((u, i) => {
    const role = roles.find((r) => r.name === u.role)!;
    return {
      id: corpusUserId(u.email),
      email: u.email,
      givenName: u.given,
      familyName: text.get(u.payload)!,
      enabled: true,
      role: { id: role.id, name: role.name },
      status: 'CONFIRMED',
      createdAt: new Date(now.getTime() - (20 + i) * DAY).toISOString(),
      lastLoggedInAt: new Date(now.getTime() - (9 + i) * DAY).toISOString(),
    };
  });
}

function corpusSource(now: Date, corpus: readonly SeededPayload[]): Doc {
  const label = corpus.find((c) => c.id === CORPUS_SOURCE.payload)!.text;
  const lastEvent = new Date(now.getTime() - 5 * MIN).toISOString();
  return {
    id: CORPUS_SOURCE.id,
    __typename: 'GenericLogIntegration',
    integrationId: CORPUS_SOURCE.id,
    integrationLabel: label,
    integrationType: 'log-pulling',
    isEditable: true,
    isHealthy: true,
    createdAtTime: new Date(now.getTime() - 21 * DAY).toISOString(),
    createdBy: null,
    lastEventProcessedAtTime: lastEvent,
    lastEventReceivedAtTime: lastEvent,
    lastModified: new Date(now.getTime() - 21 * DAY).toISOString(),
    logTypes: ['Custom.AppLogs'],
  };
}
