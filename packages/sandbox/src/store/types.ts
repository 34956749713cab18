/** Platform objects as the REST API returns them. */

export interface Actor {
  id: string;
  type: 'user' | 'api-token' | 'system';
}

export interface UserDoc {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  enabled: boolean;
  role: { id: string; name: string };
  status: string;
  createdAt: string;
  lastLoggedInAt: string | null;
}

export interface RoleDoc {
  id: string;
  name: string;
  permissions: string[];
  logTypeAccessKind: 'ALLOW' | 'ALLOW_ALL' | 'DENY' | 'DENY_ALL';
  logTypeAccess: string[] | null;
  createdAt: string;
  updatedAt: string;
}

export type AlertListingType = 'ALERT' | 'DETECTION_ERROR' | 'SYSTEM_ERROR';
export type AlertType =
  | 'RULE'
  | 'RULE_ERROR'
  | 'SCHEDULED_RULE'
  | 'SCHEDULED_RULE_ERROR'
  | 'POLICY'
  | 'SYSTEM_ERROR';
export type AlertStatus = 'OPEN' | 'TRIAGED' | 'RESOLVED' | 'CLOSED';

/** The parts of an alert that never change after generation (REST field names). */
export interface AlertStatic {
  id: string;
  type: AlertType;
  title: string;
  severity: string;
  createdAt: string;
  firstEventOccurredAt: string | null;
  lastReceivedEventAt: string;
  eventCount: number;
  description: string;
  reference: string;
  runbook: string;
  context: Record<string, unknown>;
  deliveries: Record<string, unknown>[];
  detection: { id: string; type: string } | null;
  systemError: { type: string; sourceId: string; sourceType: string; relatedComponent: string } | null;
  logTypes: string[];
  logSources: string[];
  resourceTypes: string[];
}

export interface AlertRecord {
  doc: AlertStatic;
  listing: AlertListingType;
  status: AlertStatus;
  assigneeId: string | null;
  updatedAt: string | null;
  updatedBy: Actor | null;
  /** Lake table holding its events, or null (system errors). */
  eventTable: string | null;
}

export interface CommentDoc {
  id: string;
  alertId: string;
  body: string;
  format: 'PLAIN_TEXT' | 'HTML';
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  updatedBy: Actor;
}

/** Objects kept as JSON documents in one table, keyed by kind and id. */
export type ObjectKind =
  | 'rules'
  | 'scheduled-rules'
  | 'simple-rules'
  | 'policies'
  | 'globals'
  | 'data-models'
  | 'queries'
  | 'users'
  | 'roles'
  | 'api-tokens'
  | 'http-sources'
  | 'sources'
  | 'schemas';

export type Doc = Record<string, unknown> & { id: string };
