/**
 * SQL string literals for values the pack puts into SQL it builds itself (get_alert_event_stats).
 * Quotes are doubled and backslashes escaped, which gives the same string boundaries in Snowflake (where a
 * backslash escapes) and in standard SQL (where it does not), so a value can never end the literal early.
 */
export function sqlStringLiteral(value: string): string {
  let out = "'";
  for (const ch of value) {
    if (ch === "'") out += "''";
    else if (ch === '\\') out += '\\\\';
    else out += ch;
  }
  return `${out}'`;
}

/** `2024-05-01 00:00:00.000` (UTC), the form Panther's p_event_time compares with. */
export function sqlTimestamp(date: Date): string {
  return `CAST(${sqlStringLiteral(date.toISOString().replace('T', ' ').replace('Z', ''))} AS TIMESTAMP)`;
}
