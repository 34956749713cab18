/** Hostile parameter values for the binding tests (not part of the build). */

/** Values chosen to end a literal early, open a comment or a dollar string, or run another statement. */
export const HOSTILE_STRINGS: readonly string[] = [
  "'",
  "''",
  "x' OR '1'='1",
  "'; DROP TABLE panther_logs.public.aws_cloudtrail; --",
  "' UNION SELECT * FROM panther_logs.public.okta_systemlog --",
  '\\',
  "\\'",
  "\\\\'",
  "a\\' OR 1=1 --",
  'trailing backslash \\',
  "SYSTEM$CANCEL_ALL_QUERIES()'",
  "' || SYSTEM$ABORT_SESSION() || '",
  '$$',
  "$$ || SYSTEM$ABORT_SESSION() || $$'",
  '/* open comment',
  "*/ ' --",
  '-- line comment',
  '\u2019 OR \u20181\u2019=\u20181', // ’ ‘ curly quotes
  '\u02bc\uff07\u2032\u201b\u201c\u201d\uff02', // ʼ ＇ ′ ‛ “ ” ＂
  'tab\tnew\nline\rreturn',
  'emoji 🦔 and \u2028 separator',
  "O'Brien",
  'x'.repeat(100_000),
];
