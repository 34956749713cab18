/**
 * Detections that fire in the sandbox: each has a Python body (what Panther would run) and a matcher
 * (the equivalent SQL the generator runs over the lake to make alerts, rule matches and signals).
 */
import type { DetectionSpec, Matcher, Severity, UnitTest } from './types.js';

const ARN = "(userIdentity->>'$.arn')";
const USER = "coalesce((userIdentity->>'$.userName'), split_part((userIdentity->>'$.arn'), '/', -1))";

interface Def {
  kind?: DetectionSpec['kind'];
  id: string;
  name: string;
  description: string;
  severity: Severity;
  logType: string;
  tags: string[];
  mitre: string[];
  runbook: string;
  body: string;
  tests: UnitTest[];
  dedup?: number;
  threshold?: number;
  matcher: Matcher;
  scheduledQuery?: string;
}

const t = (name: string, expectedResult: boolean, event: Record<string, unknown>): UnitTest => ({
  name,
  expectedResult,
  resource: JSON.stringify(event, null, 2),
  mocks: [],
});

function make(d: Def): DetectionSpec {
  const kind = d.kind ?? 'rules';
  return {
    kind,
    id: d.id,
    displayName: d.name,
    description: d.description,
    severity: d.severity,
    enabled: true,
    tags: d.tags,
    reports: { 'MITRE ATT&CK': d.mitre },
    runbook: d.runbook,
    reference: `https://docs.panther.com/detections/rules/${d.id.toLowerCase().replace(/\./g, '-')}`,
    ...(kind === 'policies'
      ? { resourceTypes: [d.logType] }
      : kind === 'scheduled-rules'
        ? { scheduledQueries: [d.scheduledQuery ?? d.id] }
        : { logTypes: [d.logType] }),
    body: d.body,
    tests: d.tests,
    dedupPeriodMinutes: d.dedup ?? 60,
    threshold: d.threshold ?? 1,
    managed: true,
    matcher: d.matcher,
  };
}

export const ACTIVE_DETECTIONS: DetectionSpec[] = [
  make({
    id: 'AWS.Console.LoginWithoutMFA',
    name: 'AWS Console Login Without MFA',
    description: 'An IAM user logged in to the AWS console without multi-factor authentication.',
    severity: 'HIGH',
    logType: 'AWS.CloudTrail',
    tags: ['AWS', 'Identity & Access Management', 'Initial Access'],
    mitre: ['TA0001:T1078.004'],
    runbook:
      'Confirm with the user that the login was theirs. If not, disable the user and rotate its credentials.',
    body: `from panther_aws_helpers import aws_rule_context


def rule(event):
    if event.get("eventName") != "ConsoleLogin":
        return False
    if event.deep_get("userIdentity", "type") != "IAMUser":
        return False
    if event.deep_get("responseElements", "ConsoleLogin") != "Success":
        return False
    return event.deep_get("additionalEventData", "MFAUsed") == "No"


def title(event):
    return (
        f"AWS console login without MFA by {event.deep_get('userIdentity', 'userName')} "
        f"from {event.get('sourceIPAddress')}"
    )


def alert_context(event):
    return aws_rule_context(event)
`,
    tests: [
      t('Login without MFA', true, {
        eventName: 'ConsoleLogin',
        userIdentity: { type: 'IAMUser', userName: 'alice.nguyen' },
        responseElements: { ConsoleLogin: 'Success' },
        additionalEventData: { MFAUsed: 'No' },
      }),
      t('Login with MFA', false, {
        eventName: 'ConsoleLogin',
        userIdentity: { type: 'IAMUser', userName: 'alice.nguyen' },
        responseElements: { ConsoleLogin: 'Success' },
        additionalEventData: { MFAUsed: 'Yes' },
      }),
    ],
    matcher: {
      table: 'aws_cloudtrail',
      where: `eventName = 'ConsoleLogin' AND (userIdentity->>'$.type') = 'IAMUser'
        AND (responseElements->>'$.ConsoleLogin') = 'Success' AND (additionalEventData->>'$.MFAUsed') = 'No'`,
      dedup: ARN,
      title: `'AWS console login without MFA by ' || ${USER} || ' from ' || sourceIPAddress`,
      context: `json_object('user', ${USER}, 'sourceIPAddress', sourceIPAddress, 'account', recipientAccountId)`,
      maxAlerts: 25,
    },
  }),
  make({
    id: 'AWS.IAM.AdminPolicyAttached',
    name: 'AWS IAM Administrator Policy Attached',
    description: 'The AdministratorAccess managed policy was attached to a user, group or role.',
    severity: 'CRITICAL',
    logType: 'AWS.CloudTrail',
    tags: ['AWS', 'Privilege Escalation', 'Identity & Access Management'],
    mitre: ['TA0004:T1098'],
    runbook: 'Find who attached the policy and why. Detach it and review what the principal did since.',
    body: `ADMIN_POLICIES = {"arn:aws:iam::aws:policy/AdministratorAccess"}
ATTACH_EVENTS = {"AttachUserPolicy", "AttachGroupPolicy", "AttachRolePolicy"}


def rule(event):
    if event.get("eventName") not in ATTACH_EVENTS or event.get("errorCode"):
        return False
    return event.deep_get("requestParameters", "policyArn") in ADMIN_POLICIES


def title(event):
    target = event.deep_get("requestParameters", "userName") or event.deep_get("requestParameters", "roleName")
    return f"AdministratorAccess attached to {target} by {event.udm('actor_user')}"
`,
    tests: [
      t('Admin policy attached to a user', true, {
        eventName: 'AttachUserPolicy',
        requestParameters: {
          userName: 'svc-backup',
          policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        },
      }),
      t('Read-only policy', false, {
        eventName: 'AttachRolePolicy',
        requestParameters: { roleName: 'lambda-exec', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      }),
    ],
    matcher: {
      table: 'aws_cloudtrail',
      where: `eventName IN ('AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy') AND errorCode IS NULL
        AND (requestParameters->>'$.policyArn') = 'arn:aws:iam::aws:policy/AdministratorAccess'`,
      dedup: ARN,
      title: `'AdministratorAccess attached to ' || coalesce((requestParameters->>'$.userName'), (requestParameters->>'$.roleName')) || ' by ' || ${USER}`,
      context: `json_object('actor', ${ARN}, 'target', coalesce((requestParameters->>'$.userName'), (requestParameters->>'$.roleName')), 'sourceIPAddress', sourceIPAddress)`,
    },
  }),
  make({
    id: 'AWS.IAM.AccessKeyCreated',
    name: 'AWS IAM Access Key Created',
    description: 'A long-lived access key was created for an IAM user.',
    severity: 'LOW',
    logType: 'AWS.CloudTrail',
    tags: ['AWS', 'Persistence'],
    mitre: ['TA0003:T1098.001'],
    runbook: 'Check that the key belongs to an approved automation. Unused keys should be deleted.',
    body: `def rule(event):
    return event.get("eventName") == "CreateAccessKey" and not event.get("errorCode")


def title(event):
    return f"Access key created for {event.deep_get('requestParameters', 'userName')}"
`,
    tests: [
      t('Key created', true, {
        eventName: 'CreateAccessKey',
        requestParameters: { userName: 'bob.martinez' },
      }),
    ],
    matcher: {
      table: 'aws_cloudtrail',
      where: `eventName = 'CreateAccessKey' AND errorCode IS NULL`,
      dedup: `(requestParameters->>'$.userName')`,
      title: `'Access key created for ' || ((requestParameters->>'$.userName')) || ' by ' || ${USER}`,
      context: `json_object('actor', ${ARN}, 'userName', (requestParameters->>'$.userName'))`,
      maxAlerts: 20,
    },
  }),
  make({
    id: 'AWS.CloudTrail.UnauthorizedAPICall',
    name: 'Repeated Unauthorized AWS API Calls',
    description:
      'A principal made several API calls that AWS denied within an hour: reconnaissance or a broken deploy.',
    severity: 'INFO',
    logType: 'AWS.CloudTrail',
    tags: ['AWS', 'Discovery'],
    mitre: ['TA0007:T1580'],
    runbook:
      'Look at which actions were denied. A spread of read-only IAM and S3 calls suggests enumeration.',
    threshold: 5,
    body: `def rule(event):
    return event.get("errorCode") in ("AccessDenied", "UnauthorizedOperation")


def dedup(event):
    return event.deep_get("userIdentity", "arn")


def title(event):
    return f"Repeated unauthorized API calls by {event.deep_get('userIdentity', 'arn')}"
`,
    tests: [
      t('Denied call', true, { errorCode: 'AccessDenied' }),
      t('Allowed call', false, { eventName: 'ListBuckets' }),
    ],
    matcher: {
      table: 'aws_cloudtrail',
      where: `errorCode IN ('AccessDenied', 'UnauthorizedOperation')`,
      dedup: ARN,
      title: `'Repeated unauthorized API calls by ' || ${ARN}`,
      context: `json_object('actor', ${ARN}, 'sourceIPAddress', sourceIPAddress)`,
      having: 'count(*) >= 5',
      maxAlerts: 20,
    },
  }),
  make({
    id: 'AWS.CloudTrail.Stopped',
    name: 'CloudTrail Logging Stopped',
    description: 'A CloudTrail trail was stopped or deleted, which blinds detection.',
    severity: 'CRITICAL',
    logType: 'AWS.CloudTrail',
    tags: ['AWS', 'Defense Evasion'],
    mitre: ['TA0005:T1562.008'],
    runbook: 'Restart logging at once, then investigate the principal that stopped it.',
    body: `def rule(event):
    return event.get("eventName") in ("StopLogging", "DeleteTrail") and not event.get("errorCode")


def title(event):
    return f"CloudTrail {event.deep_get('requestParameters', 'name')} stopped by {event.udm('actor_user')}"
`,
    tests: [t('Trail stopped', true, { eventName: 'StopLogging', requestParameters: { name: 'org-trail' } })],
    matcher: {
      table: 'aws_cloudtrail',
      where: `eventName IN ('StopLogging', 'DeleteTrail') AND errorCode IS NULL`,
      dedup: ARN,
      title: `'CloudTrail ' || ((requestParameters->>'$.name')) || ' stopped by ' || ${USER}`,
      context: `json_object('actor', ${ARN}, 'trail', (requestParameters->>'$.name'))`,
    },
  }),
  make({
    id: 'AWS.EC2.SecurityGroupOpenToWorld',
    name: 'Security Group Opened to the Internet',
    description: 'An ingress rule allowing 0.0.0.0/0 was added to a security group.',
    severity: 'HIGH',
    logType: 'AWS.CloudTrail',
    tags: ['AWS', 'Configuration Required', 'Initial Access'],
    mitre: ['TA0005:T1562.007'],
    runbook: 'Remove the rule unless the port serves a public endpoint behind a load balancer.',
    body: `from panther_base_helpers import deep_walk


def rule(event):
    if event.get("eventName") != "AuthorizeSecurityGroupIngress" or event.get("errorCode"):
        return False
    cidrs = deep_walk(event, "requestParameters", "ipPermissions", "items", "ipRanges", "items", "cidrIp")
    return "0.0.0.0/0" in (cidrs if isinstance(cidrs, list) else [cidrs])
`,
    tests: [
      t('Open to world', true, {
        eventName: 'AuthorizeSecurityGroupIngress',
        requestParameters: { ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } },
      }),
    ],
    matcher: {
      table: 'aws_cloudtrail',
      where: `eventName = 'AuthorizeSecurityGroupIngress' AND errorCode IS NULL AND CAST(requestParameters AS VARCHAR) LIKE '%0.0.0.0/0%'`,
      dedup: `(requestParameters->>'$.groupId')`,
      title: `'Security group ' || ((requestParameters->>'$.groupId')) || ' opened to 0.0.0.0/0 by ' || ${USER}`,
      context: `json_object('groupId', (requestParameters->>'$.groupId'), 'actor', ${ARN})`,
    },
  }),
  make({
    id: 'AWS.S3.BucketPolicyModified',
    name: 'S3 Bucket Policy Modified',
    description: 'The policy of an S3 bucket was changed or deleted.',
    severity: 'LOW',
    logType: 'AWS.CloudTrail',
    tags: ['AWS', 'Exfiltration'],
    mitre: ['TA0010:T1537'],
    runbook: 'Review the new policy for public or cross-account principals.',
    body: `def rule(event):
    return event.get("eventName") in ("PutBucketPolicy", "DeleteBucketPolicy") and not event.get("errorCode")
`,
    tests: [t('Policy put', true, { eventName: 'PutBucketPolicy' })],
    matcher: {
      table: 'aws_cloudtrail',
      where: `eventName IN ('PutBucketPolicy', 'DeleteBucketPolicy') AND errorCode IS NULL`,
      dedup: `(requestParameters->>'$.bucketName')`,
      title: `'S3 bucket policy of ' || ((requestParameters->>'$.bucketName')) || ' modified by ' || ${USER}`,
      context: `json_object('bucket', (requestParameters->>'$.bucketName'), 'actor', ${ARN})`,
      maxAlerts: 20,
    },
  }),
  make({
    kind: 'scheduled-rules',
    id: 'AWS.SSM.ExcessiveSecretReads',
    name: 'Excessive SSM Secret Reads',
    description: 'One principal decrypted many SSM parameters within an hour (scheduled query).',
    severity: 'MEDIUM',
    logType: 'AWS.CloudTrail',
    scheduledQuery: 'SSM Secret Reads Per Principal',
    tags: ['AWS', 'Credential Access'],
    mitre: ['TA0006:T1552'],
    runbook: 'Compare with the principal’s usual reads. A burst from a human identity is suspicious.',
    body: `def rule(event):
    return event.get("read_count", 0) >= 30


def title(event):
    return f"{event.get('actor')} read {event.get('read_count')} SSM secrets in an hour"
`,
    tests: [t('Burst', true, { actor: 'arn:aws:iam::123456789012:user/x', read_count: 40 })],
    matcher: {
      table: 'aws_cloudtrail',
      where: `eventName = 'GetParameter' AND (requestParameters->>'$.withDecryption') = 'true'`,
      dedup: ARN,
      title: `${USER} || ' read many SSM secrets in an hour'`,
      context: `json_object('actor', ${ARN}, 'sourceIPAddress', sourceIPAddress)`,
      having: 'count(*) >= 30',
      maxAlerts: 15,
    },
  }),
  make({
    id: 'Okta.BruteForceLogins',
    name: 'Okta Brute Force Logins',
    description: 'Many failed Okta logins from one IP address within an hour.',
    severity: 'MEDIUM',
    logType: 'Okta.SystemLog',
    tags: ['Okta', 'Credential Access'],
    mitre: ['TA0006:T1110'],
    runbook: 'Block the address if it is not corporate, and check for a later successful login from it.',
    threshold: 10,
    body: `def rule(event):
    return (
        event.get("eventType") == "user.session.start"
        and event.deep_get("outcome", "result") == "FAILURE"
    )


def dedup(event):
    return event.deep_get("client", "ipAddress")


def title(event):
    return f"Okta brute force logins from {event.deep_get('client', 'ipAddress')}"
`,
    tests: [
      t('Failed login', true, { eventType: 'user.session.start', outcome: { result: 'FAILURE' } }),
      t('Successful login', false, { eventType: 'user.session.start', outcome: { result: 'SUCCESS' } }),
    ],
    matcher: {
      table: 'okta_systemlog',
      where: `eventType = 'user.session.start' AND (outcome->>'$.result') = 'FAILURE'`,
      dedup: `(client->>'$.ipAddress')`,
      title: `'Okta brute force logins from ' || ((client->>'$.ipAddress'))`,
      context: `json_object('ip', (client->>'$.ipAddress'), 'targets', (actor->>'$.alternateId'))`,
      having: 'count(*) >= 10',
    },
  }),
  make({
    id: 'Okta.Login.FromHostingProvider',
    name: 'Okta Login From a Hosting Provider',
    description: 'A successful Okta login came from a hosting provider network, where employees do not work.',
    severity: 'HIGH',
    logType: 'Okta.SystemLog',
    tags: ['Okta', 'Initial Access'],
    mitre: ['TA0001:T1078'],
    runbook: 'Ask the user about the login. Revoke sessions and reset the password if it was not them.',
    body: `from panther_ipinfo_helpers import get_ipinfo_asn


def rule(event):
    if event.get("eventType") != "user.session.start":
        return False
    if event.deep_get("outcome", "result") != "SUCCESS":
        return False
    asn = get_ipinfo_asn(event)
    return asn is not None and asn.get_asn_type(["client", "ipAddress"]) == "hosting"
`,
    tests: [t('Hosting login', true, { eventType: 'user.session.start', outcome: { result: 'SUCCESS' } })],
    matcher: {
      table: 'okta_systemlog',
      where: `eventType = 'user.session.start' AND (outcome->>'$.result') = 'SUCCESS' AND (client->>'$.ipAddress') LIKE '192.0.2.%'`,
      dedup: `(actor->>'$.alternateId')`,
      title: `'Okta login by ' || ((actor->>'$.alternateId')) || ' from hosting provider ' || ((client->>'$.ipAddress'))`,
      context: `json_object('user', (actor->>'$.alternateId'), 'ip', (client->>'$.ipAddress'))`,
    },
  }),
  make({
    id: 'Okta.User.MFAFactorDeactivated',
    name: 'Okta MFA Factor Deactivated',
    description: 'An MFA factor of a user was reset or deactivated.',
    severity: 'MEDIUM',
    logType: 'Okta.SystemLog',
    tags: ['Okta', 'Persistence'],
    mitre: ['TA0003:T1556.006'],
    runbook: 'Confirm with the user and the help desk that the reset was requested.',
    body: `def rule(event):
    return event.get("eventType") == "user.mfa.factor.deactivate"
`,
    tests: [t('Factor reset', true, { eventType: 'user.mfa.factor.deactivate' })],
    matcher: {
      table: 'okta_systemlog',
      where: `eventType = 'user.mfa.factor.deactivate'`,
      dedup: `(actor->>'$.alternateId')`,
      title: `'MFA factor deactivated for ' || ((actor->>'$.alternateId'))`,
      context: `json_object('user', (actor->>'$.alternateId'), 'ip', (client->>'$.ipAddress'))`,
      maxAlerts: 15,
    },
  }),
  make({
    id: 'Okta.AdminRoleAssigned',
    name: 'Okta Admin Role Assigned',
    description: 'An Okta administrator role was granted to a user.',
    severity: 'HIGH',
    logType: 'Okta.SystemLog',
    tags: ['Okta', 'Privilege Escalation'],
    mitre: ['TA0004:T1098'],
    runbook: 'Check the change ticket for the grant; remove the role otherwise.',
    body: `def rule(event):
    return event.get("eventType") == "user.account.privilege.grant"


def title(event):
    return f"Okta admin role granted by {event.deep_get('actor', 'alternateId')}"
`,
    tests: [
      t('Grant', true, { eventType: 'user.account.privilege.grant', displayMessage: 'Grant user privilege' }),
    ],
    matcher: {
      table: 'okta_systemlog',
      where: `eventType = 'user.account.privilege.grant'`,
      dedup: `(actor->>'$.alternateId')`,
      title: `'Okta admin role granted by ' || ((actor->>'$.alternateId'))`,
      context: `json_object('actor', (actor->>'$.alternateId'), 'target', (target->>'$[0].alternateId'))`,
      maxAlerts: 15,
    },
  }),
  make({
    kind: 'scheduled-rules',
    id: 'Okta.PasswordResets.Spike',
    name: 'Okta Password Reset Spike',
    description:
      'Scheduled check for users whose password was reset (the rule currently fails on some rows).',
    severity: 'LOW',
    logType: 'Okta.SystemLog',
    scheduledQuery: 'Okta Password Resets Daily',
    tags: ['Okta', 'Credential Access'],
    mitre: ['TA0006:T1110'],
    runbook: 'Fix the rule: target can be null for self-service resets.',
    body: `def rule(event):
    # Bug kept on purpose: target is null for self-service resets.
    return event["target"][0]["type"] == "User"
`,
    tests: [t('Reset', true, { target: [{ type: 'User' }] })],
    matcher: {
      table: 'okta_systemlog',
      where: `eventType = 'user.account.reset_password'`,
      dedup: `'reset'`,
      title: `'Okta.PasswordResets.Spike raised TypeError'`,
      context: `json_object('error', 'TypeError')`,
      windowMinutes: 1440,
      maxAlerts: 5,
      error: "TypeError: 'NoneType' object is not subscriptable",
    },
  }),
  make({
    id: 'GitHub.Repo.MadePublic',
    name: 'GitHub Repository Made Public',
    description: 'A private or internal repository was made public.',
    severity: 'HIGH',
    logType: 'GitHub.Audit',
    tags: ['GitHub', 'Exfiltration'],
    mitre: ['TA0010:T1567.001'],
    runbook: 'Make the repository private again at once and check it for secrets; rotate any found.',
    body: `def rule(event):
    return event.get("action") == "repo.access" and event.get("visibility") == "public"


def title(event):
    return f"Repository {event.get('repo')} made public by {event.get('actor')}"
`,
    tests: [
      t('Made public', true, { action: 'repo.access', visibility: 'public' }),
      t('Made private', false, { action: 'repo.access', visibility: 'private' }),
    ],
    matcher: {
      table: 'github_audit',
      where: `action = 'repo.access' AND visibility = 'public'`,
      dedup: 'repo',
      title: `'Repository ' || repo || ' made public by ' || actor`,
      context: `json_object('repo', repo, 'actor', actor, 'ip', actor_ip)`,
    },
  }),
  make({
    id: 'GitHub.Branch.ProtectionDisabled',
    name: 'GitHub Branch Protection Disabled',
    description: 'Branch protection was removed or overridden on a repository.',
    severity: 'MEDIUM',
    logType: 'GitHub.Audit',
    tags: ['GitHub', 'Defense Evasion'],
    mitre: ['TA0005:T1562'],
    runbook: 'Restore the protection rule and review what was pushed while it was off.',
    body: `def rule(event):
    return event.get("action") in ("protected_branch.destroy", "protected_branch.policy_override")
`,
    tests: [t('Destroyed', true, { action: 'protected_branch.destroy' })],
    matcher: {
      table: 'github_audit',
      where: `action IN ('protected_branch.destroy', 'protected_branch.policy_override')`,
      dedup: 'repo',
      title: `'Branch protection ' || replace(action, 'protected_branch.', '') || ' on ' || repo || ' by ' || actor`,
      context: `json_object('repo', repo, 'actor', actor)`,
      maxAlerts: 15,
    },
  }),
  make({
    id: 'GitHub.Org.MemberAdded',
    name: 'GitHub Organization Member Added',
    description: 'A user was added to the GitHub organization.',
    severity: 'INFO',
    logType: 'GitHub.Audit',
    tags: ['GitHub', 'Persistence'],
    mitre: ['TA0003:T1136'],
    runbook: 'Informational: confirm the new member in the HR system.',
    body: `def rule(event):
    return event.get("action") == "org.add_member"
`,
    tests: [t('Added', true, { action: 'org.add_member' })],
    matcher: {
      table: 'github_audit',
      where: `action = 'org.add_member'`,
      dedup: '"user"',
      title: `'GitHub user ' || "user" || ' added to ' || org || ' by ' || actor`,
      context: `json_object('user', "user", 'actor', actor)`,
      maxAlerts: 15,
    },
  }),
  make({
    kind: 'scheduled-rules',
    id: 'GitHub.Repo.MassClone',
    name: 'GitHub Mass Repository Clone',
    description:
      'One actor cloned or downloaded many different repositories within an hour (scheduled query).',
    severity: 'HIGH',
    logType: 'GitHub.Audit',
    scheduledQuery: 'GitHub Clones Per Actor Hourly',
    tags: ['GitHub', 'Collection'],
    mitre: ['TA0009:T1213.003'],
    runbook: 'Check whether the actor’s token was used from a known address; revoke it otherwise.',
    body: `def rule(event):
    return event.get("repo_count", 0) >= 7


def title(event):
    return f"{event.get('actor')} cloned {event.get('repo_count')} repositories in an hour"
`,
    tests: [t('Mass clone', true, { actor: 'x', repo_count: 9 })],
    matcher: {
      table: 'github_audit',
      where: `action IN ('git.clone', 'repo.download_zip')`,
      dedup: 'actor',
      title: `actor || ' cloned many repositories in an hour'`,
      context: `json_object('actor', actor, 'ip', actor_ip)`,
      having: 'count(DISTINCT repo) >= 7',
      maxAlerts: 10,
    },
  }),
  make({
    id: 'GitHub.Team.Modified',
    name: 'GitHub Team Membership Modified',
    description: 'Tracks changes to sensitive teams (currently failing on events without team_slug).',
    severity: 'LOW',
    logType: 'GitHub.Audit',
    tags: ['GitHub'],
    mitre: ['TA0003:T1098'],
    runbook: 'Fix the rule to read `team` instead of `team_slug`.',
    body: `SENSITIVE_TEAMS = {"security", "platform"}


def rule(event):
    return event["team_slug"] in SENSITIVE_TEAMS
`,
    tests: [t('Team change', true, { action: 'team.add_member', team_slug: 'security' })],
    matcher: {
      table: 'github_audit',
      where: `action = 'team.add_member'`,
      dedup: 'team',
      title: `'GitHub.Team.Modified raised KeyError'`,
      context: `json_object('team', team)`,
      windowMinutes: 1440,
      maxAlerts: 6,
      error: "KeyError: 'team_slug'",
    },
  }),
  make({
    id: 'AWS.VPCFlow.PortScan',
    name: 'Port Scan Detected in VPC Flow Logs',
    description: 'One address probed many ports within ten minutes and was mostly rejected.',
    severity: 'HIGH',
    logType: 'AWS.VPCFlow',
    tags: ['AWS', 'Discovery', 'Network'],
    mitre: ['TA0007:T1046'],
    runbook: 'Block the source at the network ACL and check whether any probed port accepted a connection.',
    dedup: 10,
    body: `def rule(event):
    return event.get("action") == "REJECT"


def dedup(event):
    return event.get("srcAddr")


def title(event):
    return f"Port scan from {event.get('srcAddr')}"
`,
    tests: [t('Rejected flow', true, { action: 'REJECT', srcAddr: '192.0.2.66' })],
    matcher: {
      table: 'aws_vpcflow',
      where: `action = 'REJECT'`,
      dedup: 'srcAddr',
      title: `'Port scan from ' || srcAddr`,
      context: `json_object('srcAddr', srcAddr, 'dstAddr', dstAddr)`,
      having: 'count(DISTINCT dstPort) >= 20',
      windowMinutes: 10,
    },
  }),
];
