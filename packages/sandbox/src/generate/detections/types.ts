export type DetectionKind = 'rules' | 'scheduled-rules' | 'simple-rules' | 'policies';
export type Severity = 'INFO' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** How a detection finds its matches in the generated lake (the sandbox's stand-in for running Python). */
export interface Matcher {
  /** A table of MATCHABLE_TABLES (`aws_cloudtrail`, `resource_history`, ...). */
  table: string;
  /** SQL predicate over that table's columns. */
  where: string;
  /** SQL expression: events with the same value (within the window) share one alert. */
  dedup: string;
  /** SQL expression for the alert title, evaluated on the first event of the group. */
  title: string;
  /** SQL expression returning JSON: the alert context. */
  context: string;
  /** Aggregate condition a group must meet (default: count(*) >= 1). */
  having?: string;
  /** Dedup window (default: the detection's dedupPeriodMinutes). */
  windowMinutes?: number;
  /** Keep at most this many alerts (the most recent), so that a million events stay readable. */
  maxAlerts?: number;
  /** When set, the detection raises this error on the matches: detection-error alerts. */
  error?: string;
}

export interface UnitTest {
  name: string;
  expectedResult: boolean;
  resource: string;
  mocks: Record<string, string>[];
}

export interface DetectionSpec {
  kind: DetectionKind;
  id: string;
  displayName: string;
  description: string;
  severity: Severity;
  enabled: boolean;
  tags: string[];
  reports: Record<string, string[]>;
  runbook: string;
  reference?: string;
  logTypes?: string[];
  resourceTypes?: string[];
  scheduledQueries?: string[];
  /** Python source (rules, scheduled rules, policies) or YAML (simple rules). */
  body: string;
  tests: UnitTest[];
  dedupPeriodMinutes: number;
  threshold: number;
  managed: boolean;
  matcher?: Matcher;
}
