import type { SandboxTokenName } from '../types.js';

/** Panther's raw permission names (the GraphQL `Permission` enum). */
export const PANTHER_PERMISSIONS = [
  'AlertModify',
  'AlertRead',
  'BulkUpload',
  'CloudsecSourceModify',
  'CloudsecSourceRead',
  'DataAnalyticsModify',
  'DataAnalyticsRead',
  'DestinationModify',
  'DestinationRead',
  'GeneralSettingsModify',
  'GeneralSettingsRead',
  'LogSourceModify',
  'LogSourceRawDataRead',
  'LogSourceRead',
  'LookupModify',
  'LookupRead',
  'OrganizationAPITokenModify',
  'OrganizationAPITokenRead',
  'PolicyModify',
  'PolicyRead',
  'ResourceModify',
  'ResourceRead',
  'RuleModify',
  'RuleRead',
  'RunPantherAI',
  'SummaryRead',
  'UserModify',
  'UserRead',
] as const;

export type Permission = (typeof PANTHER_PERMISSIONS)[number];

/**
 * What each sandbox token may do. The analyst reads everything a triage needs (and may run Panther AI,
 * which summaries need) but modifies nothing; the others are the least privilege of their job.
 */
export const SANDBOX_TOKEN_PERMISSIONS: Record<SandboxTokenName, readonly Permission[]> = {
  admin: PANTHER_PERMISSIONS,
  analyst: [
    'AlertRead',
    'CloudsecSourceRead',
    'DataAnalyticsRead',
    'DestinationRead',
    'GeneralSettingsRead',
    'LogSourceRead',
    'LookupRead',
    'OrganizationAPITokenRead',
    'PolicyRead',
    'ResourceRead',
    'RuleRead',
    'RunPantherAI',
    'SummaryRead',
    'UserRead',
  ],
  responder: ['AlertModify', 'AlertRead', 'DataAnalyticsRead', 'RunPantherAI'],
  detectionEngineer: [
    'DataAnalyticsRead',
    'LogSourceRead',
    'PolicyModify',
    'PolicyRead',
    'RuleModify',
    'RuleRead',
  ],
  noAccess: [],
};
