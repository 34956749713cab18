import { PANTHER_PERMISSIONS, type PantherPermission } from '@mcp-panther/client';
import type { SandboxTokenName } from '../types.js';

/** Panther's permission names: the client's one list, re-exported for the sandbox's own modules. */
export { PANTHER_PERMISSIONS };
export type Permission = PantherPermission;

/** REST names that GraphQL's `Permission` enum lacks; the GraphQL view of a role leaves them out. */
const REST_ONLY: readonly Permission[] = ['BulkUploadValidate'];

/** The values of GraphQL's `Permission` enum (permissions.test.ts checks them against the served schema). */
export const GRAPHQL_PERMISSIONS: readonly Permission[] = PANTHER_PERMISSIONS.filter(
  (p) => !REST_ONLY.includes(p),
);

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
