import { h } from './dom.js';

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
export const STATUSES = ['OPEN', 'TRIAGED', 'RESOLVED', 'CLOSED'] as const;

/** Severity as a coloured badge (colour and text both say it). */
export function severityBadge(value: unknown): HTMLElement {
  const severity = typeof value === 'string' ? value : '';
  const known = (SEVERITIES as readonly string[]).includes(severity);
  return h('span', { class: `badge${known ? ` sev-${severity}` : ''}` }, severity || '—');
}

export function severityRank(value: unknown): number {
  const index = (SEVERITIES as readonly unknown[]).indexOf(value);
  return index === -1 ? SEVERITIES.length : index;
}

/** A timestamp as the person's local date and time (minutes), or the raw text when it is not one. */
export function when(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const time = Date.parse(value.includes('T') || value.endsWith('Z') ? value : `${value.replace(' ', 'T')}Z`);
  if (Number.isNaN(time)) return value;
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A record's fields as a definition list, skipping empty values. */
export function fieldList(entries: readonly (readonly [string, unknown])[]): HTMLElement {
  return h(
    'dl',
    { class: 'fields' },
    entries
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([label, value]) => [
        h('dt', null, label),
        h(
          'dd',
          null,
          value instanceof Node ? value : typeof value === 'string' ? value : JSON.stringify(value),
        ),
      ]),
  );
}

/** Pretty JSON in a scrollable block (text only). */
export function jsonBlock(value: unknown, label: string): HTMLElement {
  return h(
    'pre',
    { class: 'json', attrs: { tabindex: 0, 'aria-label': label } },
    JSON.stringify(value, null, 2),
  );
}
