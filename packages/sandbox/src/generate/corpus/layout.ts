/**
 * Where each adversarial payload is seeded: ids only (derived from the seed and the payload id, never from the
 * time), so that tests and the bench can find every payload through the API without searching for it.
 */
import { md5Hex, stableUuid } from '../random.js';
import { ADVERSARIAL_PAYLOADS, type AdversarialPayload, type PayloadCarrier } from './payloads.js';

/** The alerts the corpus adds, by key: each groups the events of one carrier (or one title). */
export type CorpusAlertKey =
  | 'cloudtrail-logins'
  | 'okta-bruteforce'
  | 'github-members'
  | `okta-login-${string}`;

/** The alerts that carry the comments, in turn. */
const COMMENTED: readonly CorpusAlertKey[] = ['cloudtrail-logins', 'okta-bruteforce', 'github-members'];

const ALERT_OF: Partial<Record<PayloadCarrier, CorpusAlertKey>> = {
  'cloudtrail.userAgent': 'cloudtrail-logins',
  'okta.userAgent': 'okta-bruteforce',
  'github.team': 'github-members',
};

const TABLE_OF: Partial<Record<PayloadCarrier, string>> = {
  'cloudtrail.userAgent': 'aws_cloudtrail',
  'cloudtrail.objectKey': 'aws_cloudtrail',
  'okta.alternateId': 'okta_systemlog',
  'okta.userAgent': 'okta_systemlog',
  'github.team': 'github_audit',
};

/** Console users whose family name is a payload; the first writes the corpus's comments. */
export const CORPUS_USERS = [
  { payload: 'inj-47', given: 'Temp', email: 'temp.contractor@acme.io', role: 'Analyst' },
  { payload: 'inj-48', given: 'Ops', email: 'ops.bot@acme.io', role: 'Read Only' },
] as const;

/** The log source whose name is a payload (its id is fixed, as the other sources' are). */
export const CORPUS_SOURCE = { payload: 'inj-46', id: '5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716' } as const;

/** A payload and where it is: the alert it belongs to, its lake row, comment, user or log source. */
export interface SeededPayload extends AdversarialPayload {
  /** The alert whose title, events or comments hold it. */
  readonly alertId?: string;
  /** The `panther_logs.public` table and `p_row_id` of the event that holds it. */
  readonly table?: string;
  readonly rowId?: string;
  readonly commentId?: string;
  readonly userId?: string;
  readonly sourceId?: string;
}

export function corpusAlertId(seed: number, key: CorpusAlertKey): string {
  return md5Hex(seed, 'corpus-alert', key);
}

export function corpusRowId(seed: number, name: string): string {
  return md5Hex(seed, 'corpus-row', name);
}

export function corpusUserId(email: string): string {
  return stableUuid('user', email);
}

function alertKeyOf(payload: AdversarialPayload, commentIndex: number): CorpusAlertKey | undefined {
  if (payload.carrier === 'okta.alternateId') return `okta-login-${payload.id}`;
  if (payload.carrier === 'alert.comment') return COMMENTED[commentIndex % COMMENTED.length];
  return ALERT_OF[payload.carrier];
}

/**
 * Every payload of the corpus with where the sandbox of `seed` holds it. Events and titles are reached with
 * `get_alert`, `get_alert_events`, `list_alerts` or `query_data_lake` (the events are 8 to 12 days old);
 * comments with `list_alert_comments`; users with `list_users` and `get_user`; the source with
 * `list_log_sources`.
 */
export function adversarialCorpus(seed: number): SeededPayload[] {
  let comments = 0;
  return ADVERSARIAL_PAYLOADS.map((payload) => {
    const commentIndex = payload.carrier === 'alert.comment' ? comments++ : -1;
    const key = alertKeyOf(payload, commentIndex);
    const table = TABLE_OF[payload.carrier];
    const user = CORPUS_USERS.find((u) => u.payload === payload.id);
    return {
      ...payload,
      ...(key === undefined ? {} : { alertId: corpusAlertId(seed, key) }),
      ...(table === undefined ? {} : { table, rowId: corpusRowId(seed, payload.id) }),
      ...(commentIndex < 0 ? {} : { commentId: md5Hex(seed, 'corpus-comment', payload.id).slice(0, 24) }),
      ...(user === undefined ? {} : { userId: corpusUserId(user.email) }),
      ...(payload.id === CORPUS_SOURCE.payload ? { sourceId: CORPUS_SOURCE.id } : {}),
    };
  });
}
