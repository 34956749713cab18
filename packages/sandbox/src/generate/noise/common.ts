/** Shared pieces of the noise generators: identities, standard columns and per-row picks. */
import { sqlString } from '../../store/duck.js';
import { sourceFor } from '../world.js';

export const q = sqlString;
export const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

export function oktaActorId(user: string): string {
  // Okta user ids look like 00u1a2b3c4d5e6f7g8h9; derived from the name so they never change.
  let h = 0;
  for (const ch of user) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `00u${h.toString(36).padStart(8, '0')}${user.length}x7d8`;
}

export function githubActorId(login: string): number {
  let h = 7;
  for (const ch of login) h = (h * 33 + ch.charCodeAt(0)) % 90_000_000;
  return 10_000_000 + h;
}

export function standardTail(logType: string, rowId: string, ts: string): string {
  const source = sourceFor(logType);
  return `${q(logType)} AS p_log_type, ${rowId} AS p_row_id, ${ts} AS p_event_time,
    ${ts} + to_seconds(1 + rint(i, 'parse', 240)) AS p_parse_time, 0 AS p_schema_version,
    ${q(source.id)} AS p_source_id, ${q(source.label)} AS p_source_label`;
}

/** `alias` joined on a hash of the row number: a per-row random pick from a dimension table. */
export function join(table: string, alias: string, key: string, size: number): string {
  return `JOIN ${table} ${alias} ON ${alias}.idx = rint(i, '${key}', ${size})`;
}

/** A UUID-shaped id from an md5 column. */
export function uuidOf(h: string): string {
  return `substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-' || substr(${h}, 13, 4) || '-' || substr(${h}, 17, 4) || '-' || substr(${h}, 21, 12)`;
}
