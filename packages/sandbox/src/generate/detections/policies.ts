/** Cloud security policies that fail on some generated resources (POLICY alerts). */
import type { DetectionSpec, Severity } from './types.js';

interface PolicyDef {
  id: string;
  name: string;
  description: string;
  severity: Severity;
  resourceType: string;
  body: string;
  failing: string;
  title: string;
  mitre: string[];
}

function policy(d: PolicyDef): DetectionSpec {
  return {
    kind: 'policies',
    id: d.id,
    displayName: d.name,
    description: d.description,
    severity: d.severity,
    enabled: true,
    tags: ['AWS', 'Configuration Required', 'CIS'],
    reports: { 'MITRE ATT&CK': d.mitre, CIS: ['3.1'] },
    runbook: `Remediate the resource so that it complies with: ${d.name}.`,
    reference: `https://docs.panther.com/cloud-scanning/policies/${d.id.toLowerCase().replace(/\./g, '-')}`,
    resourceTypes: [d.resourceType],
    body: d.body,
    tests: [
      {
        name: 'Compliant resource',
        expectedResult: true,
        resource: JSON.stringify({ resourceType: d.resourceType, compliant: true }),
        mocks: [],
      },
    ],
    dedupPeriodMinutes: 60,
    threshold: 1,
    managed: true,
    matcher: {
      table: 'resource_history',
      where: `resourceType = '${d.resourceType}' AND (${d.failing})`,
      dedup: 'resourceId',
      title: d.title,
      context: `json_object('resourceId', resourceId, 'accountId', accountId, 'region', region)`,
      windowMinutes: 60 * 24 * 30,
    },
  };
}

export const ACTIVE_POLICIES: DetectionSpec[] = [
  policy({
    id: 'AWS.S3.Bucket.PublicAccessBlock',
    name: 'S3 Bucket Blocks Public Access',
    description: 'S3 buckets must block public ACLs and policies.',
    severity: 'HIGH',
    resourceType: 'AWS.S3.Bucket',
    body: `def policy(resource):
    block = resource.get("PublicAccessBlockConfiguration") or {}
    return bool(block.get("BlockPublicAcls")) and bool(block.get("BlockPublicPolicy"))
`,
    failing: `(attributes->>'$.PublicAccessBlockConfiguration.BlockPublicAcls') = 'false'`,
    title: `'S3 bucket ' || name || ' does not block public access'`,
    mitre: ['TA0010:T1530'],
  }),
  policy({
    id: 'AWS.S3.Bucket.Encryption',
    name: 'S3 Bucket Encrypted at Rest',
    description: 'S3 buckets must have default encryption.',
    severity: 'MEDIUM',
    resourceType: 'AWS.S3.Bucket',
    body: `def policy(resource):
    return resource.get("EncryptionRules") is not None
`,
    failing: `(attributes->'$.EncryptionRules') IS NULL OR json_type((attributes->'$.EncryptionRules')) = 'NULL'`,
    title: `'S3 bucket ' || name || ' is not encrypted'`,
    mitre: ['TA0009:T1530'],
  }),
  policy({
    id: 'AWS.IAM.User.MFAEnabled',
    name: 'IAM User Has MFA',
    description: 'IAM users with console access must have an MFA device.',
    severity: 'HIGH',
    resourceType: 'AWS.IAM.User',
    body: `def policy(resource):
    if not resource.get("CredentialReport", {}).get("PasswordEnabled"):
        return True
    return resource.get("CredentialReport", {}).get("MfaActive", False)
`,
    failing: `(attributes->>'$.CredentialReport.PasswordEnabled') = 'true' AND (attributes->>'$.CredentialReport.MfaActive') = 'false'`,
    title: `'IAM user ' || name || ' has console access without MFA'`,
    mitre: ['TA0001:T1078.004'],
  }),
  policy({
    id: 'AWS.EC2.SecurityGroup.RestrictedSSH',
    name: 'Security Group Restricts SSH',
    description: 'Security groups must not allow SSH from 0.0.0.0/0.',
    severity: 'MEDIUM',
    resourceType: 'AWS.EC2.SecurityGroup',
    body: `from panther_base_helpers import is_ip_in_network


def policy(resource):
    for permission in resource.get("IpPermissions") or []:
        if permission.get("FromPort") <= 22 <= permission.get("ToPort"):
            if any(r.get("CidrIp") == "0.0.0.0/0" for r in permission.get("IpRanges", [])):
                return False
    return True
`,
    failing: `CAST(attributes AS VARCHAR) LIKE '%"FromPort":22%0.0.0.0/0%'`,
    title: `'Security group ' || name || ' allows SSH from the internet'`,
    mitre: ['TA0001:T1133'],
  }),
  policy({
    id: 'AWS.KMS.Key.RotationEnabled',
    name: 'KMS Key Rotation Enabled',
    description: 'Customer-managed KMS keys must rotate yearly.',
    severity: 'LOW',
    resourceType: 'AWS.KMS.Key',
    body: `def policy(resource):
    return resource.get("KeyManager") != "CUSTOMER" or resource.get("KeyRotationEnabled")
`,
    failing: `(attributes->>'$.KeyRotationEnabled') = 'false'`,
    title: `'KMS key ' || name || ' does not rotate'`,
    mitre: ['TA0040:T1485'],
  }),
];
