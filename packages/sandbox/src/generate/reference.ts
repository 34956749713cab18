/** Small reference data: cloud resources for the policies, lookup tables, classification failures. */
import type { Random } from './random.js';
import { createRowFactory, type LakeRow } from './rows.js';
import { AWS_ACCOUNTS, LOG_SOURCES, PEOPLE, S3_BUCKETS } from './world.js';

const DAY = 86_400_000;

export function generateResources(seed: number, now: Date, rng: Random): LakeRow[] {
  const f = createRowFactory(seed, 'resources');
  const account = AWS_ACCOUNTS.prod;
  const rows: LakeRow[] = [];
  const add = (resourceType: string, name: string, arn: string, attributes: Record<string, unknown>) => {
    const ts = new Date(now.getTime() - rng.int(1, 36) * 3_600_000);
    rows.push(
      f.row(
        'Panther.CloudSecurity.Resource',
        ts,
        {
          resourceId: arn,
          resourceType,
          accountId: account,
          region: 'us-east-1',
          name,
          attributes: { Name: name, Arn: arn, ...attributes },
          changeType: 'SYNC',
          lastModified: new Date(ts.getTime() - rng.int(1, 200) * DAY),
        },
        { p_any_aws_arns: [arn], p_any_aws_account_ids: [account] },
      ),
    );
  };
  const buckets = [
    ...S3_BUCKETS,
    'acme-public-website',
    'acme-dev-scratch',
    'acme-ml-models',
    'acme-logs-archive',
  ];
  for (const name of buckets) {
    const open = name === 'acme-public-website' || name === 'acme-dev-scratch';
    const unencrypted = name === 'acme-dev-scratch' || name === 'acme-ml-models';
    add('AWS.S3.Bucket', name, `arn:aws:s3:::${name}`, {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: !open,
        BlockPublicPolicy: !open,
        IgnorePublicAcls: !open,
        RestrictPublicBuckets: !open,
      },
      EncryptionRules: unencrypted
        ? null
        : [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
      Versioning: rng.chance(0.6) ? 'Enabled' : null,
    });
  }
  const iamUsers = [...PEOPLE.filter((p) => p.iamUser).map((p) => p.user), 'svc-legacy-etl', 'ci-bot'];
  iamUsers.forEach((name, i) => {
    const human = !name.startsWith('svc') && !name.startsWith('ci');
    add('AWS.IAM.User', name, `arn:aws:iam::${account}:user/${name}`, {
      CredentialReport: {
        PasswordEnabled: human,
        MfaActive: human && i % 3 !== 1,
        AccessKey1Active: !human || i % 2 === 0,
      },
    });
  });
  for (let i = 0; i < 10; i++) {
    const id = `sg-0${rng.hex(16)}`;
    const openSsh = i === 2 || i === 7;
    add(
      'AWS.EC2.SecurityGroup',
      `${['web', 'app', 'db', 'bastion', 'lb'][i % 5]}-${i}`,
      `arn:aws:ec2:us-east-1:${account}:security-group/${id}`,
      {
        GroupId: id,
        IpPermissions: [
          { FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          { FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: openSsh ? '0.0.0.0/0' : '10.0.0.0/8' }] },
        ],
      },
    );
  }
  for (let i = 0; i < 5; i++) {
    const id = rng.uuid();
    add(
      'AWS.KMS.Key',
      `alias/acme-${['data', 'backups', 'logs', 'secrets', 'exports'][i]}`,
      `arn:aws:kms:us-east-1:${account}:key/${id}`,
      {
        KeyId: id,
        KeyManager: 'CUSTOMER',
        KeyRotationEnabled: i !== 1 && i !== 4,
      },
    );
  }
  add(
    'AWS.CloudTrail.Trail',
    'acme-org-trail',
    `arn:aws:cloudtrail:us-east-1:${account}:trail/acme-org-trail`,
    {
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      KmsKeyId: 'alias/acme-logs',
    },
  );
  return rows;
}

export const ASN_ROWS: LakeRow[] = [
  { network: '203.0.113.0/24', asn: 'AS64501', name: 'Acme Corp', domain: 'acme.io', type: 'business' },
  {
    network: '198.51.100.0/24',
    asn: 'AS64510',
    name: 'Example Broadband',
    domain: 'example.net',
    type: 'isp',
  },
  {
    network: '192.0.2.0/24',
    asn: 'AS64511',
    name: 'Shady Hosting LLC',
    domain: 'shady-hosting.example',
    type: 'hosting',
  },
  {
    network: '198.18.0.0/24',
    asn: 'AS64496',
    name: 'Cloud Provider One',
    domain: 'cloud-one.example',
    type: 'hosting',
  },
  { network: '198.18.1.0/24', asn: 'AS64497', name: 'Mobile Carrier', domain: 'mobile.example', type: 'isp' },
  {
    network: '198.18.2.0/24',
    asn: 'AS64498',
    name: 'State University',
    domain: 'university.example',
    type: 'education',
  },
  { network: '198.18.3.0/24', asn: 'AS64499', name: 'VPN Provider', domain: 'vpn.example', type: 'hosting' },
  { network: '10.0.0.0/8', asn: '', name: 'Private network', domain: '', type: 'private' },
].map((r) => ({ ...r, p_schema_version: 1 }));

export const LOCATION_ROWS: LakeRow[] = [
  {
    network: '203.0.113.0/24',
    city: 'San Francisco',
    region: 'California',
    country: 'US',
    lat: 37.7749,
    lng: -122.4194,
  },
  { network: '198.51.100.0/24', city: 'Austin', region: 'Texas', country: 'US', lat: 30.2672, lng: -97.7431 },
  {
    network: '192.0.2.0/24',
    city: 'Amsterdam',
    region: 'North Holland',
    country: 'NL',
    lat: 52.3676,
    lng: 4.9041,
  },
  {
    network: '198.18.0.0/24',
    city: 'Ashburn',
    region: 'Virginia',
    country: 'US',
    lat: 39.0438,
    lng: -77.4874,
  },
  {
    network: '198.18.1.0/24',
    city: 'Chicago',
    region: 'Illinois',
    country: 'US',
    lat: 41.8781,
    lng: -87.6298,
  },
  {
    network: '198.18.2.0/24',
    city: 'Boston',
    region: 'Massachusetts',
    country: 'US',
    lat: 42.3601,
    lng: -71.0589,
  },
  { network: '198.18.3.0/24', city: 'Zurich', region: 'Zurich', country: 'CH', lat: 47.3769, lng: 8.5417 },
];

export function generateClassificationFailures(seed: number, now: Date, rng: Random): LakeRow[] {
  const rows: LakeRow[] = [];
  const sources = LOG_SOURCES.filter((s) => !s.healthy);
  for (let i = 0; i < 40; i++) {
    const source = sources[i % sources.length]!;
    const ts = new Date(now.getTime() - rng.int(1, 14 * 24 * 60) * 60_000);
    const firewall = source.label.includes('Firewall');
    rows.push({
      p_event_time: ts,
      p_parse_time: new Date(ts.getTime() + 2000),
      p_source_id: source.id,
      p_source_label: source.label,
      p_row_id: `${seed.toString(16).padStart(4, '0')}${rng.hex(28)}`,
      payload: firewall
        ? `<134>${ts.toUTCString()} fw01 kernel: DROP IN=eth0 SRC=198.51.100.${rng.int(1, 254)} DST=10.0.1.${rng.int(1, 50)} PROTO=TCP DPT=${rng.pick([22, 23, 445])}`
        : `{"level":"info","msg":"request served","latency_ms":${rng.int(3, 900)},"path":"/api/v2/orders"`,
      error: firewall ? 'failed to match any schema of the source' : 'invalid JSON: unexpected end of input',
    });
  }
  return rows;
}
