import type { PantherPermission } from '@mcp-panther/core';

/**
 * Raw Panther permission names → the names users see in the console (reference §3.1). Keyed by the client's one
 * permission list, so a misspelt or retired name does not compile; names without a console title stay raw.
 */
export const PERMISSION_TITLES: Readonly<Partial<Record<PantherPermission, string>>> = {
  AlertRead: 'Read Alerts',
  AlertModify: 'Manage Alerts',
  PolicyRead: 'View Policies',
  PolicyModify: 'Manage Policies',
  RuleRead: 'View Rules',
  RuleModify: 'Manage Rules',
  SummaryRead: 'Read Panther Metrics',
  BulkUpload: 'Bulk Upload',
  BulkUploadValidate: 'Bulk Upload Validate',
  UserRead: 'Read User Info',
  UserModify: 'Manage Users',
  OrganizationAPITokenRead: 'Read API Token Info',
  OrganizationAPITokenModify: 'Manage API Tokens',
  GeneralSettingsRead: 'Read Panther Settings Info',
  CloudsecSourceRead: 'View Cloud Security Sources',
  CloudsecSourceModify: 'Manage Cloud Security Sources',
  LogSourceRead: 'View Log Sources',
  LogSourceModify: 'Manage Log Sources',
  DataAnalyticsRead: 'Query Data Lake',
  DataAnalyticsModify: 'Manage Saved Searches',
  RunPantherAI: 'Run Panther AI',
};

/** The console name of a raw permission; unknown names are kept as they are. */
export function permissionTitle(raw: string): string {
  return Object.hasOwn(PERMISSION_TITLES, raw) ? (PERMISSION_TITLES[raw as PantherPermission] ?? raw) : raw;
}
