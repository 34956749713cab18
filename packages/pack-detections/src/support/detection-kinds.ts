/** What differs between the four detection types: REST path, singular key, compact fields, filters. */
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
  /** Fields kept by list_detections (the reference server's lists). */
  readonly compactFields: readonly string[];
}

const COMMON_HEAD = ['id', 'description', 'displayName', 'enabled', 'severity'] as const;
const COMMON_TAIL = ['tags', 'reports', 'managed', 'outputIDs'] as const;
const RULE_TAIL = ['threshold', 'dedupPeriodMinutes', 'createdBy', 'createdAt', 'lastModified'] as const;

export const DETECTION_KINDS: Readonly<Record<DetectionType, DetectionKind>> = {
  rules: {
    path: '/rules',
    tag: 'rules',
    singular: 'rule',
    label: 'Rule',
    isRule: true,
    logTypeFilter: true,
    policyFilters: false,
    compactFields: [...COMMON_HEAD, 'logTypes', ...COMMON_TAIL, ...RULE_TAIL],
  },
  scheduled_rules: {
    path: '/scheduled-rules',
    tag: 'scheduled-rules',
    singular: 'scheduled_rule',
    label: 'Scheduled rule',
    isRule: true,
    logTypeFilter: false,
    policyFilters: false,
    compactFields: [...COMMON_HEAD, 'scheduledQueries', ...COMMON_TAIL, ...RULE_TAIL],
  },
  simple_rules: {
    path: '/simple-rules',
    tag: 'simple-rules',
    singular: 'simple_rule',
    label: 'Simple rule',
    isRule: true,
    logTypeFilter: true,
    policyFilters: false,
    compactFields: [...COMMON_HEAD, 'logTypes', ...COMMON_TAIL, ...RULE_TAIL],
  },
  policies: {
    path: '/policies',
    tag: 'policies',
    singular: 'policy',
    label: 'Policy',
    isRule: false,
    logTypeFilter: false,
    policyFilters: true,
    compactFields: [
      ...COMMON_HEAD,
      'resourceTypes',
      ...COMMON_TAIL,
      'createdBy',
      'createdAt',
      'lastModified',
    ],
  },
};

/** Cache tags of one detection type: its own collection plus the shared `detections` tag. */
export function detectionTags(kind: DetectionKind): readonly string[] {
  return ['detections', kind.tag];
}
