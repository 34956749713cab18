/** What differs between the four detection types (REST path, singular key, filters) and the fields they share. */
import type { DetectionType } from '../params.js';

export interface DetectionKind {
  /** REST collection path, e.g. `/scheduled-rules`. */
  readonly path: string;
  /** Cache tag of the collection (its first path segment). */
  readonly tag: string;
  /** Key of one detection in outputs (`rule`, `policy`, ...). */
  readonly singular: string;
  readonly label: string;
  /** Rules, scheduled rules and simple rules take `run-tests-first`; policies keep the server default. */
  readonly isRule: boolean;
  /** Accepts the `log-type` list filter. */
  readonly logTypeFilter: boolean;
  /** Accepts `resource-type` and `compliance-status`. */
  readonly policyFilters: boolean;
}

/**
 * The columns of list_detections by default: what a model needs to pick a detection. Panther's detection ids are
 * names (`AWS.CloudTrail.Stopped`); the display name and description come with `fields`.
 */
export const LIST_COLUMNS = ['id', 'severity', 'enabled'] as const;

/** Longer text values in list_detections (descriptions) are shortened; get_detection has them whole. */
export const LIST_TEXT_MAX = 300;

/** What list_detections' `fields` may ask for (code, tests and runbook stay in get_detection). */
export const LIST_FIELDS = [
  ...LIST_COLUMNS,
  'displayName',
  'description',
  'logTypes',
  'resourceTypes',
  'scheduledQueries',
  'tags',
  'reports',
  'managed',
  'outputIDs',
  'threshold',
  'dedupPeriodMinutes',
  'createdBy',
  'createdAt',
  'lastModified',
  'lastModifiedBy',
] as const;

/** What get_detection's `fields` may ask for: every field of the four types. */
export const DETAIL_FIELDS = [
  ...LIST_FIELDS,
  'runbook',
  'body',
  'tests',
  'summaryAttributes',
  'inlineFilters',
  'suppressions',
  'createdByExternal',
  'detection',
  'pythonBody',
  'alertTitle',
  'alertContext',
  'dynamicSeverities',
  'groupBy',
] as const;

export const DETECTION_KINDS: Readonly<Record<DetectionType, DetectionKind>> = {
  rules: {
    path: '/rules',
    tag: 'rules',
    singular: 'rule',
    label: 'Rule',
    isRule: true,
    logTypeFilter: true,
    policyFilters: false,
  },
  scheduled_rules: {
    path: '/scheduled-rules',
    tag: 'scheduled-rules',
    singular: 'scheduled_rule',
    label: 'Scheduled rule',
    isRule: true,
    logTypeFilter: false,
    policyFilters: false,
  },
  simple_rules: {
    path: '/simple-rules',
    tag: 'simple-rules',
    singular: 'simple_rule',
    label: 'Simple rule',
    isRule: true,
    logTypeFilter: true,
    policyFilters: false,
  },
  policies: {
    path: '/policies',
    tag: 'policies',
    singular: 'policy',
    label: 'Policy',
    isRule: false,
    logTypeFilter: false,
    policyFilters: true,
  },
};

/** Cache tags of one detection type: its own collection plus the shared `detections` tag. */
export function detectionTags(kind: DetectionKind): readonly string[] {
  return ['detections', kind.tag];
}
