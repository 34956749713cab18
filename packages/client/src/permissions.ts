/**
 * Panther's permission names: the one list the client, the host, the packs and the sandbox share.
 * It is the `permissions` enum of Panther's REST API (`GET /api-tokens/self`, roles); GraphQL's `Permission` enum
 * has the same names but `BulkUploadValidate`. permissions.test.ts checks it against Panther's published API.
 */
export const PANTHER_PERMISSIONS = [
  'AlertModify',
  'AlertRead',
  'BulkUpload',
  'BulkUploadValidate',
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

export type PantherPermission = (typeof PANTHER_PERMISSIONS)[number];
