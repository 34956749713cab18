/**
 * The rest of the detection library: realistic rules that rarely or never fire in the generated data.
 * Built from compact tables so that the sandbox has 100+ detections of every kind.
 */
import type { DetectionSpec, Severity, UnitTest } from './types.js';

type Row = [id: string, values: string[], severity: Severity, name: string, mitre: string];

const CLOUDTRAIL: Row[] = [
  ['AWS.IAM.UserCreated', ['CreateUser'], 'INFO', 'IAM User Created', 'TA0003:T1136.003'],
  [
    'AWS.IAM.LoginProfileCreated',
    ['CreateLoginProfile'],
    'MEDIUM',
    'IAM Login Profile Created',
    'TA0003:T1098',
  ],
  [
    'AWS.IAM.AssumeRolePolicyUpdated',
    ['UpdateAssumeRolePolicy'],
    'MEDIUM',
    'Role Trust Policy Updated',
    'TA0004:T1098',
  ],
  [
    'AWS.IAM.InlinePolicyAdded',
    ['PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy'],
    'LOW',
    'IAM Inline Policy Added',
    'TA0004:T1098',
  ],
  [
    'AWS.IAM.MFADeviceDeactivated',
    ['DeactivateMFADevice', 'DeleteVirtualMFADevice'],
    'HIGH',
    'IAM MFA Device Deactivated',
    'TA0005:T1556.006',
  ],
  [
    'AWS.IAM.PasswordPolicyChanged',
    ['UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy'],
    'MEDIUM',
    'Account Password Policy Changed',
    'TA0005:T1556',
  ],
  [
    'AWS.KMS.KeyScheduledForDeletion',
    ['ScheduleKeyDeletion', 'DisableKey'],
    'HIGH',
    'KMS Key Disabled or Scheduled for Deletion',
    'TA0040:T1485',
  ],
  [
    'AWS.GuardDuty.DetectorDeleted',
    ['DeleteDetector'],
    'CRITICAL',
    'GuardDuty Detector Deleted',
    'TA0005:T1562.001',
  ],
  [
    'AWS.Config.RecorderStopped',
    ['StopConfigurationRecorder', 'DeleteConfigurationRecorder'],
    'HIGH',
    'AWS Config Recorder Stopped',
    'TA0005:T1562.008',
  ],
  [
    'AWS.EC2.NetworkACLModified',
    ['CreateNetworkAclEntry', 'ReplaceNetworkAclEntry', 'DeleteNetworkAclEntry'],
    'LOW',
    'Network ACL Modified',
    'TA0005:T1562.007',
  ],
  [
    'AWS.EC2.RouteTableModified',
    ['CreateRoute', 'ReplaceRoute', 'DeleteRoute'],
    'LOW',
    'Route Table Modified',
    'TA0040:T1565',
  ],
  [
    'AWS.EC2.VPCModified',
    ['CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute'],
    'INFO',
    'VPC Modified',
    'TA0005:T1562.007',
  ],
  [
    'AWS.EC2.GatewayModified',
    ['CreateInternetGateway', 'AttachInternetGateway'],
    'LOW',
    'Internet Gateway Modified',
    'TA0010:T1048',
  ],
  [
    'AWS.EC2.SnapshotMadePublic',
    ['ModifySnapshotAttribute'],
    'HIGH',
    'EBS Snapshot Made Public',
    'TA0010:T1537',
  ],
  [
    'AWS.EC2.UserDataModified',
    ['ModifyInstanceAttribute'],
    'MEDIUM',
    'EC2 Instance Attribute Modified',
    'TA0002:T1059',
  ],
  ['AWS.RDS.SnapshotShared', ['ModifyDBSnapshotAttribute'], 'HIGH', 'RDS Snapshot Shared', 'TA0010:T1537'],
  ['AWS.RDS.PubliclyAccessible', ['ModifyDBInstance'], 'MEDIUM', 'RDS Instance Modified', 'TA0001:T1190'],
  ['AWS.S3.BucketDeleted', ['DeleteBucket'], 'LOW', 'S3 Bucket Deleted', 'TA0040:T1485'],
  [
    'AWS.S3.PublicAccessBlockChanged',
    ['PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock'],
    'MEDIUM',
    'S3 Public Access Block Changed',
    'TA0010:T1530',
  ],
  ['AWS.S3.BucketAclChanged', ['PutBucketAcl'], 'MEDIUM', 'S3 Bucket ACL Changed', 'TA0010:T1530'],
  [
    'AWS.Lambda.FunctionPolicyChanged',
    ['AddPermission20150331v2'],
    'LOW',
    'Lambda Function Policy Changed',
    'TA0003:T1546',
  ],
  [
    'AWS.SecretsManager.SecretDeleted',
    ['DeleteSecret'],
    'MEDIUM',
    'Secrets Manager Secret Deleted',
    'TA0040:T1485',
  ],
  [
    'AWS.Organizations.LeaveOrganization',
    ['LeaveOrganization'],
    'CRITICAL',
    'Account Left the Organization',
    'TA0005:T1666',
  ],
  [
    'AWS.CloudWatch.LogGroupDeleted',
    ['DeleteLogGroup'],
    'MEDIUM',
    'CloudWatch Log Group Deleted',
    'TA0005:T1070',
  ],
  [
    'AWS.EKS.ClusterEndpointChanged',
    ['UpdateClusterConfig'],
    'MEDIUM',
    'EKS Cluster Endpoint Changed',
    'TA0001:T1133',
  ],
  [
    'AWS.SSO.PermissionSetModified',
    ['CreatePermissionSet', 'PutInlinePolicyToPermissionSet'],
    'MEDIUM',
    'SSO Permission Set Modified',
    'TA0004:T1098',
  ],
  [
    'AWS.CloudTrail.EventSelectorsChanged',
    ['PutEventSelectors'],
    'MEDIUM',
    'CloudTrail Event Selectors Changed',
    'TA0005:T1562.008',
  ],
];

const OKTA: Row[] = [
  ['Okta.APIKeyCreated', ['system.api_token.create'], 'LOW', 'Okta API Key Created', 'TA0003:T1098.001'],
  ['Okta.APIKeyRevoked', ['system.api_token.revoke'], 'INFO', 'Okta API Key Revoked', 'TA0040:T1531'],
  [
    'Okta.GroupAdminRoleAssigned',
    ['group.privilege.grant'],
    'HIGH',
    'Okta Group Admin Role Assigned',
    'TA0004:T1098',
  ],
  [
    'Okta.PolicyModified',
    ['policy.lifecycle.update', 'policy.rule.update'],
    'MEDIUM',
    'Okta Policy Modified',
    'TA0005:T1556',
  ],
  ['Okta.UserCreated', ['user.lifecycle.create'], 'INFO', 'Okta User Created', 'TA0003:T1136'],
  ['Okta.UserAccountLocked', ['user.account.lock'], 'LOW', 'Okta User Account Locked', 'TA0006:T1110'],
  [
    'Okta.SupportAccess',
    ['user.session.impersonation.grant', 'user.session.impersonation.initiate'],
    'MEDIUM',
    'Okta Support Access Granted',
    'TA0001:T1199',
  ],
  [
    'Okta.ThreatInsightDetected',
    ['security.threat.detected'],
    'MEDIUM',
    'Okta ThreatInsight Threat Detected',
    'TA0006:T1110.003',
  ],
  [
    'Okta.PasswordAccessedByAdmin',
    ['application.user_membership.show_password'],
    'HIGH',
    'Okta App Password Revealed',
    'TA0006:T1555',
  ],
  [
    'Okta.IdentityProviderCreated',
    ['system.idp.lifecycle.create'],
    'HIGH',
    'Okta Identity Provider Created',
    'TA0003:T1484.002',
  ],
  [
    'Okta.NewDeviceEnrolled',
    ['device.enrollment.create'],
    'INFO',
    'Okta New Device Enrolled',
    'TA0003:T1098.005',
  ],
  [
    'Okta.AdminConsoleAccess',
    ['user.session.access_admin_app'],
    'INFO',
    'Okta Admin Console Accessed',
    'TA0004:T1078',
  ],
];

const GITHUB: Row[] = [
  ['GitHub.Repo.Created', ['repo.create'], 'INFO', 'GitHub Repository Created', 'TA0042:T1583'],
  ['GitHub.Repo.Archived', ['repo.archived'], 'INFO', 'GitHub Repository Archived', 'TA0040:T1485'],
  ['GitHub.Repo.Deleted', ['repo.destroy'], 'MEDIUM', 'GitHub Repository Deleted', 'TA0040:T1485'],
  [
    'GitHub.Repo.Transferred',
    ['repo.transfer_outgoing'],
    'HIGH',
    'GitHub Repository Transferred Out',
    'TA0010:T1567.001',
  ],
  ['GitHub.Webhook.Created', ['hook.create'], 'LOW', 'GitHub Webhook Created', 'TA0010:T1567'],
  [
    'GitHub.App.Installed',
    ['integration_installation.create'],
    'LOW',
    'GitHub App Installed',
    'TA0003:T1098',
  ],
  [
    'GitHub.PAT.Requested',
    ['personal_access_token.request_created'],
    'INFO',
    'GitHub Fine-grained Token Requested',
    'TA0006:T1528',
  ],
  [
    'GitHub.Org.MemberRemoved',
    ['org.remove_member'],
    'INFO',
    'GitHub Organization Member Removed',
    'TA0040:T1531',
  ],
  [
    'GitHub.Org.TwoFactorDisabled',
    ['org.disable_two_factor_requirement'],
    'CRITICAL',
    'GitHub Org 2FA Requirement Disabled',
    'TA0005:T1556',
  ],
  [
    'GitHub.SecretScanning.Disabled',
    ['repository_secret_scanning.disable'],
    'MEDIUM',
    'GitHub Secret Scanning Disabled',
    'TA0005:T1562.001',
  ],
  [
    'GitHub.Dependabot.Disabled',
    ['repository_vulnerability_alerts.disable'],
    'LOW',
    'GitHub Dependabot Alerts Disabled',
    'TA0005:T1562.001',
  ],
  [
    'GitHub.Org.IPAllowListDisabled',
    ['ip_allow_list.disable'],
    'HIGH',
    'GitHub IP Allow List Disabled',
    'TA0005:T1562.007',
  ],
];

const VPC: Row[] = [
  ['AWS.VPCFlow.SSHFromInternet', ['22'], 'MEDIUM', 'SSH Accepted From the Internet', 'TA0001:T1133'],
  ['AWS.VPCFlow.RDPFromInternet', ['3389'], 'HIGH', 'RDP Accepted From the Internet', 'TA0001:T1133'],
  [
    'AWS.VPCFlow.DatabaseFromInternet',
    ['5432', '3306'],
    'HIGH',
    'Database Port Accepted From the Internet',
    'TA0001:T1190',
  ],
  ['AWS.VPCFlow.TelnetTraffic', ['23'], 'LOW', 'Telnet Traffic Observed', 'TA0011:T1071'],
  ['AWS.VPCFlow.SMBTraffic', ['445'], 'MEDIUM', 'SMB Traffic Observed', 'TA0008:T1021.002'],
];

const SIMPLE: Row[] = [
  ['AWS.Root.ConsoleLogin', ['ConsoleLogin'], 'HIGH', 'Root Account Console Login', 'TA0001:T1078.004'],
  [
    'AWS.STS.RootSessionToken',
    ['GetSessionToken'],
    'HIGH',
    'Root Session Token Requested',
    'TA0001:T1078.004',
  ],
  [
    'Okta.RateLimitViolation',
    ['system.org.rate_limit.violation'],
    'LOW',
    'Okta Rate Limit Violation',
    'TA0040:T1499',
  ],
  [
    'Okta.FactorResetAll',
    ['user.mfa.factor.reset_all'],
    'MEDIUM',
    'Okta All Factors Reset',
    'TA0003:T1556.006',
  ],
  [
    'GitHub.Actions.SelfHostedRunnerAdded',
    ['org.register_self_hosted_runner'],
    'MEDIUM',
    'Self-hosted Runner Added',
    'TA0002:T1072',
  ],
  ['GitHub.Repo.DeployKeyAdded', ['public_key.create'], 'LOW', 'Deploy Key Added', 'TA0003:T1098.004'],
  ['GitHub.Org.OwnerAdded', ['org.update_member'], 'HIGH', 'GitHub Organization Owner Added', 'TA0004:T1098'],
  [
    'AWS.ECR.RepositoryPolicyChanged',
    ['SetRepositoryPolicy'],
    'LOW',
    'ECR Repository Policy Changed',
    'TA0010:T1537',
  ],
];

const SCHEDULED: [id: string, severity: Severity, name: string, query: string, logType: string][] = [
  [
    'AWS.CloudTrail.NewRegionUsed',
    'MEDIUM',
    'API Calls in an Unused AWS Region',
    'AWS Regions Used Daily',
    'AWS.CloudTrail',
  ],
  [
    'Okta.Login.ImpossibleTravel',
    'HIGH',
    'Okta Impossible Travel',
    'Okta Logins By Country',
    'Okta.SystemLog',
  ],
  [
    'GitHub.Push.AfterHours',
    'LOW',
    'GitHub Pushes Outside Working Hours',
    'GitHub Pushes By Hour',
    'GitHub.Audit',
  ],
  [
    'AWS.VPCFlow.Beaconing',
    'MEDIUM',
    'Periodic Outbound Connections (Beaconing)',
    'VPC Egress Periodicity',
    'AWS.VPCFlow',
  ],
  [
    'Okta.DormantAccountLogin',
    'MEDIUM',
    'Login to a Dormant Okta Account',
    'Okta Last Login Per User',
    'Okta.SystemLog',
  ],
];

const POLICIES: [id: string, severity: Severity, name: string, resourceType: string, attribute: string][] = [
  [
    'AWS.CloudTrail.Trail.LogValidation',
    'MEDIUM',
    'CloudTrail Log File Validation Enabled',
    'AWS.CloudTrail.Trail',
    'LogFileValidationEnabled',
  ],
  [
    'AWS.CloudTrail.Trail.Encrypted',
    'MEDIUM',
    'CloudTrail Logs Encrypted With KMS',
    'AWS.CloudTrail.Trail',
    'KmsKeyId',
  ],
  [
    'AWS.IAM.Root.NoAccessKeys',
    'CRITICAL',
    'Root Account Has No Access Keys',
    'AWS.Account',
    'RootAccessKeysPresent',
  ],
  [
    'AWS.IAM.PasswordPolicy.MinLength',
    'MEDIUM',
    'Password Policy Requires 14 Characters',
    'AWS.PasswordPolicy',
    'MinimumPasswordLength',
  ],
  [
    'AWS.IAM.User.UnusedCredentials',
    'LOW',
    'IAM Credentials Unused for 90 Days',
    'AWS.IAM.User',
    'PasswordLastUsed',
  ],
  ['AWS.EC2.Instance.IMDSv2', 'MEDIUM', 'EC2 Instance Requires IMDSv2', 'AWS.EC2.Instance', 'HttpTokens'],
  ['AWS.EC2.Volume.Encrypted', 'MEDIUM', 'EBS Volume Encrypted', 'AWS.EC2.Volume', 'Encrypted'],
  ['AWS.RDS.Instance.Encrypted', 'HIGH', 'RDS Instance Encrypted', 'AWS.RDS.Instance', 'StorageEncrypted'],
  [
    'AWS.RDS.Instance.NotPublic',
    'HIGH',
    'RDS Instance Not Publicly Accessible',
    'AWS.RDS.Instance',
    'PubliclyAccessible',
  ],
  ['AWS.S3.Bucket.Versioning', 'LOW', 'S3 Bucket Versioning Enabled', 'AWS.S3.Bucket', 'Versioning'],
  ['AWS.S3.Bucket.Logging', 'LOW', 'S3 Bucket Access Logging Enabled', 'AWS.S3.Bucket', 'LoggingPolicy'],
  ['AWS.S3.Bucket.SecureTransport', 'MEDIUM', 'S3 Bucket Requires TLS', 'AWS.S3.Bucket', 'Policy'],
  ['AWS.KMS.Key.NotPublic', 'CRITICAL', 'KMS Key Policy Not Public', 'AWS.KMS.Key', 'Policy'],
  [
    'AWS.EKS.Cluster.PrivateEndpoint',
    'MEDIUM',
    'EKS Endpoint Not Public',
    'AWS.EKS.Cluster',
    'EndpointPublicAccess',
  ],
  [
    'AWS.Lambda.Function.NotPublic',
    'HIGH',
    'Lambda Function Not Publicly Invokable',
    'AWS.Lambda.Function',
    'Policy',
  ],
];

const tactic = (mitre: string) => mitre.split(':')[0] ?? '';

function tests(field: string, value: string, other: string): UnitTest[] {
  return [
    {
      name: `${value} matches`,
      expectedResult: true,
      resource: JSON.stringify({ [field]: value }, null, 2),
      mocks: [],
    },
    {
      name: `${other} does not match`,
      expectedResult: false,
      resource: JSON.stringify({ [field]: other }, null, 2),
      mocks: [],
    },
  ];
}

function base(
  kind: DetectionSpec['kind'],
  id: string,
  name: string,
  severity: Severity,
  mitre: string,
  i: number,
): Omit<DetectionSpec, 'body' | 'tests'> {
  const vendor = id.split('.')[0] ?? 'AWS';
  return {
    kind,
    id,
    displayName: name,
    description: `Detects: ${name.toLowerCase()}.`,
    severity,
    // Every seventh rule is disabled so that the state filter has something to show.
    enabled: i % 7 !== 3,
    tags: [vendor, tactic(mitre)],
    reports: { 'MITRE ATT&CK': [mitre] },
    runbook: `Investigate who made the change and whether it was approved. Revert it if not.`,
    dedupPeriodMinutes: 60,
    threshold: 1,
    managed: i % 5 !== 0,
  };
}

function fieldRule(kind: 'rules' | 'simple-rules', field: string, logType: string, other: string) {
  return ([id, values, severity, name, mitre]: Row, i: number): DetectionSpec => {
    const set = values.map((v) => JSON.stringify(v)).join(', ');
    const body =
      kind === 'simple-rules'
        ? `Detection:\n  - KeyPath: ${field}\n    Condition: IsIn\n    Values:\n${values.map((v) => `      - ${v}`).join('\n')}\nAlertTitle: "${name}: {${field}}"\n`
        : `VALUES = {${set}}\n\n\ndef rule(event):\n    return event.get("${field}") in VALUES\n\n\ndef title(event):\n    return f"${name}: {event.get('${field}')}"\n`;
    return {
      ...base(kind, id, name, severity, mitre, i),
      logTypes: [logType],
      body,
      tests: tests(field, values[0]!, other),
    };
  };
}

function vpcRule([id, ports, severity, name, mitre]: Row, i: number): DetectionSpec {
  const body = `from ipaddress import ip_address

PORTS = {${ports.join(', ')}}


def rule(event):
    if event.get("action") != "ACCEPT" or event.get("dstPort") not in PORTS:
        return False
    return ip_address(event.get("srcAddr")).is_global
`;
  return {
    ...base('rules', id, name, severity, mitre, i),
    logTypes: ['AWS.VPCFlow'],
    body,
    tests: tests('dstPort', ports[0]!, '443'),
  };
}

export function catalogDetections(): DetectionSpec[] {
  const out: DetectionSpec[] = [];
  out.push(...CLOUDTRAIL.map(fieldRule('rules', 'eventName', 'AWS.CloudTrail', 'ListBuckets')));
  out.push(...OKTA.map(fieldRule('rules', 'eventType', 'Okta.SystemLog', 'user.session.start')));
  out.push(...GITHUB.map(fieldRule('rules', 'action', 'GitHub.Audit', 'git.clone')));
  out.push(...VPC.map(vpcRule));
  SIMPLE.forEach((r, i) => {
    const field = r[0].startsWith('Okta') ? 'eventType' : r[0].startsWith('GitHub') ? 'action' : 'eventName';
    const logType = r[0].startsWith('Okta')
      ? 'Okta.SystemLog'
      : r[0].startsWith('GitHub')
        ? 'GitHub.Audit'
        : 'AWS.CloudTrail';
    out.push(fieldRule('simple-rules', field, logType, 'none')(r, i));
  });
  out.push(
    ...SCHEDULED.map(([id, severity, name, query], i) => ({
      ...base('scheduled-rules', id, name, severity, 'TA0001:T1078', i),
      scheduledQueries: [query],
      body: `def rule(event):\n    return event.get("anomaly_score", 0) > 0.8\n\n\ndef title(event):\n    return f"${name}: {event.get('entity')}"\n`,
      tests: tests('anomaly_score', '0.9', '0.1'),
    })),
  );
  out.push(
    ...POLICIES.map(([id, severity, name, resourceType, attribute], i) => ({
      ...base('policies', id, name, severity, 'TA0005:T1562', i),
      resourceTypes: [resourceType],
      body: `def policy(resource):\n    return bool(resource.get("${attribute}"))\n`,
      tests: tests(attribute, 'true', 'false'),
    })),
  );
  return out;
}
