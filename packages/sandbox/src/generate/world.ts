/**
 * The fictional company the data describes: people, AWS accounts, networks, repositories, log sources.
 * Public addresses come from the documentation ranges (RFC 5737) and ASNs from the documentation range
 * (RFC 5398), so nothing points at a real party.
 */

export const COMPANY_DOMAIN = 'acme.io';
export const GITHUB_ORG = 'acme-corp';

export interface Person {
  user: string;
  given: string;
  family: string;
  email: string;
  /** The person's usual public addresses (office, VPN, home). */
  ips: string[];
  /** Has a long-lived IAM user in the prod account (most people use SSO). */
  iamUser: boolean;
  githubLogin: string;
  city: string;
  country: string;
}

const people: [string, string, boolean, string, string][] = [
  ['alice', 'Nguyen', true, 'San Francisco', 'US'],
  ['bob', 'Martinez', true, 'Austin', 'US'],
  ['carol', 'Smith', false, 'New York', 'US'],
  ['dave', 'Okafor', true, 'London', 'GB'],
  ['erin', 'Cho', false, 'Seattle', 'US'],
  ['frank', 'Muller', false, 'Berlin', 'DE'],
  ['grace', 'Kim', true, 'San Francisco', 'US'],
  ['henry', 'Patel', false, 'Toronto', 'CA'],
  ['irene', 'Rossi', false, 'Milan', 'IT'],
  ['jack', 'Wilson', true, 'Denver', 'US'],
  ['kate', 'Schmidt', false, 'Berlin', 'DE'],
  ['liam', 'OBrien', false, 'Dublin', 'IE'],
];

export const PEOPLE: Person[] = people.map(([given, family, iamUser, city, country], i) => {
  const user = `${given}.${family.toLowerCase()}`;
  return {
    user,
    given: given[0]!.toUpperCase() + given.slice(1),
    family,
    email: `${user}@${COMPANY_DOMAIN}`,
    ips: [`203.0.113.${10 + i}`, `203.0.113.${140 + i}`, `198.51.100.${20 + i * 7}`],
    iamUser,
    githubLogin: `${given}-${family.toLowerCase()}`,
    city,
    country,
  };
});

export const AWS_ACCOUNTS = {
  prod: '123456789012',
  staging: '210987654321',
  security: '555566667777',
} as const;

export const AWS_REGIONS = ['us-east-1', 'us-east-1', 'us-east-1', 'us-west-2', 'us-west-2', 'eu-west-1'];

/** Automation identities that call AWS from inside AWS. */
export const SERVICE_ROLES = [
  {
    role: 'ci-deployer',
    session: 'github-actions',
    ip: '10.0.12.34',
    agent: 'aws-sdk-go-v2/1.25.2 os/linux',
  },
  { role: 'terraform', session: 'terraform-run', ip: '10.0.12.50', agent: 'terraform-provider-aws/5.40.0' },
  { role: 'lambda-exec', session: 'order-processor', ip: '10.0.40.7', agent: 'Boto3/1.34.54 Python/3.11.6' },
  { role: 'datadog-integration', session: 'datadog', ip: '10.0.80.9', agent: 'aws-sdk-java/1.12.600' },
];

export const S3_BUCKETS = [
  'acme-prod-assets',
  'acme-prod-backups',
  'acme-customer-exports',
  'acme-terraform-state',
  'acme-cloudtrail-logs',
  'acme-data-lake-raw',
];

export const GITHUB_REPOS = [
  'web-app',
  'api-gateway',
  'infra-terraform',
  'mobile-app',
  'data-pipeline',
  'internal-tools',
  'payments-service',
  'secrets-rotation',
  'docs',
];

export const OKTA_APPS = [
  'Salesforce',
  'Slack',
  'AWS IAM Identity Center',
  'GitHub Enterprise',
  'Zoom',
  'Workday',
];

/** Hosting addresses used by the attack stories (AS64511, "Shady Hosting LLC" in the lookup table). */
export const ATTACKER_IPS = ['192.0.2.66', '192.0.2.87', '192.0.2.145', '192.0.2.201'];

export const INTERNAL_HOSTS = Array.from({ length: 24 }, (_, i) => `10.0.${1 + (i % 4) * 10}.${10 + i}`);

export interface LogSourceDef {
  id: string;
  label: string;
  integrationType: string;
  logTypes: string[];
  healthy: boolean;
  kind: 's3' | 'http' | 'other';
}

/** Log sources; ids are fixed so that state files and saved links survive a change of seed. */
export const LOG_SOURCES: LogSourceDef[] = [
  {
    id: '6f3a1c2e-8b4d-4e5f-9a1b-2c3d4e5f6a71',
    label: 'aws-cloudtrail-org',
    integrationType: 'aws-s3',
    logTypes: ['AWS.CloudTrail'],
    healthy: true,
    kind: 's3',
  },
  {
    id: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f62',
    label: 'vpc-flow-logs-prod',
    integrationType: 'aws-s3',
    logTypes: ['AWS.VPCFlow'],
    healthy: true,
    kind: 's3',
  },
  {
    id: '3b7c9d1e-2f4a-4b6c-8d0e-1f2a3b4c5d63',
    label: 'Okta Production',
    integrationType: 'log-pulling',
    logTypes: ['Okta.SystemLog'],
    healthy: true,
    kind: 'other',
  },
  {
    id: '8a2b4c6d-1e3f-4a5b-9c7d-0e1f2a3b4c54',
    label: 'GitHub Audit Webhook',
    integrationType: 'http-ingest',
    logTypes: ['GitHub.Audit'],
    healthy: true,
    kind: 'http',
  },
  {
    id: 'c4d5e6f7-0a1b-4c2d-8e3f-4a5b6c7d8e45',
    label: 'Custom App Logs',
    integrationType: 'http-ingest',
    logTypes: ['Custom.AppLogs'],
    healthy: false,
    kind: 'http',
  },
  {
    id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a36',
    label: 'Legacy Firewall Syslog',
    integrationType: 'aws-sqs',
    logTypes: ['Custom.LegacyFirewall'],
    healthy: false,
    kind: 'other',
  },
  {
    id: 'f7e6d5c4-b3a2-4f1e-8d0c-9b8a7f6e5d27',
    label: 'AWS prod account scan',
    integrationType: 'aws-scan',
    logTypes: ['Panther.CloudSecurity.Resource'],
    healthy: true,
    kind: 'other',
  },
];

export function sourceFor(logType: string): LogSourceDef {
  const source = LOG_SOURCES.find((s) => s.logTypes.includes(logType));
  if (source === undefined) throw new Error(`no log source for ${logType}`);
  return source;
}
