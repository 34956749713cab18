/** Console users and roles. Ids are derived from names, not the seed, so state survives a seed change. */
import { PANTHER_PERMISSIONS, type Permission } from '../auth/permissions.js';
import type { RoleDoc, UserDoc } from '../store/types.js';
import { stableUuid } from './random.js';
import { PEOPLE } from './world.js';

const DAY = 86_400_000;

const ROLE_DEFS: [
  name: string,
  permissions: readonly Permission[],
  kind: RoleDoc['logTypeAccessKind'],
  access: string[] | null,
][] = [
  ['Admin', PANTHER_PERMISSIONS, 'ALLOW_ALL', null],
  [
    'Analyst',
    [
      'AlertRead',
      'AlertModify',
      'DataAnalyticsRead',
      'DataAnalyticsModify',
      'RuleRead',
      'PolicyRead',
      'LogSourceRead',
      'SummaryRead',
      'UserRead',
      'RunPantherAI',
      'ResourceRead',
      'LookupRead',
    ],
    'ALLOW_ALL',
    null,
  ],
  [
    'Incident Responder',
    ['AlertRead', 'AlertModify', 'DataAnalyticsRead', 'RunPantherAI', 'SummaryRead'],
    'ALLOW_ALL',
    null,
  ],
  [
    'Detection Engineer',
    [
      'RuleRead',
      'RuleModify',
      'PolicyRead',
      'PolicyModify',
      'DataAnalyticsRead',
      'LogSourceRead',
      'BulkUpload',
      'LookupRead',
    ],
    'ALLOW_ALL',
    null,
  ],
  ['Read Only', ['AlertRead', 'RuleRead', 'PolicyRead', 'SummaryRead'], 'ALLOW_ALL', null],
  [
    'Auditor',
    ['AlertRead', 'DataAnalyticsRead', 'SummaryRead'],
    'ALLOW',
    ['AWS.CloudTrail', 'Okta.SystemLog'],
  ],
  ['Contractor', ['AlertRead'], 'DENY', ['Okta.SystemLog', 'GitHub.Audit']],
];

const ASSIGNMENT = [
  'Admin',
  'Admin',
  'Analyst',
  'Incident Responder',
  'Analyst',
  'Detection Engineer',
  'Incident Responder',
  'Analyst',
  'Detection Engineer',
  'Read Only',
  'Auditor',
  'Analyst',
];

export function generateRoles(now: Date): RoleDoc[] {
  return ROLE_DEFS.map(([name, permissions, kind, access], i) => ({
    id: stableUuid('role', name),
    name,
    permissions: [...permissions],
    logTypeAccessKind: kind,
    logTypeAccess: access,
    createdAt: new Date(now.getTime() - (400 - i * 20) * DAY).toISOString(),
    updatedAt: new Date(now.getTime() - (30 + i * 7) * DAY).toISOString(),
  }));
}

export function generateUsers(now: Date, roles: readonly RoleDoc[]): UserDoc[] {
  return PEOPLE.map((p, i) => {
    const role = roles.find((r) => r.name === ASSIGNMENT[i])!;
    const invited = i === 11;
    return {
      id: stableUuid('user', p.email),
      email: p.email,
      givenName: p.given,
      familyName: p.family,
      enabled: i !== 9,
      role: { id: role.id, name: role.name },
      status: invited ? 'FORCE_CHANGE_PASSWORD' : 'CONFIRMED',
      createdAt: new Date(now.getTime() - (380 - i * 25) * DAY).toISOString(),
      lastLoggedInAt: invited
        ? null
        : new Date(now.getTime() - ((i * 7) % 30) * 3_600_000 - 3_600_000).toISOString(),
    };
  });
}

/** Users who can be assigned alerts (their role may modify alerts). */
export function assignableUsers(users: readonly UserDoc[], roles: readonly RoleDoc[]): UserDoc[] {
  const modify = new Set(roles.filter((r) => r.permissions.includes('AlertModify')).map((r) => r.id));
  return users.filter((u) => u.enabled && modify.has(u.role.id));
}
