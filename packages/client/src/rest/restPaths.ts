import { clientError, type PantherApiError } from '../errors.js';
import type { CacheKind, QueryValue } from '../types.js';

/** The REST URL: base + path + query, arrays as repeated keys, null/undefined dropped, keys in the given order. */
export function buildRestUrl(
  base: string,
  path: string,
  query?: Readonly<Record<string, QueryValue>>,
  options: { sortKeys?: boolean } = {},
): string {
  if (!path.startsWith('/')) throw new TypeError(`REST path must start with "/": ${path}`);
  const params = new URLSearchParams();
  const keys = Object.keys(query ?? {});
  if (options.sortKeys) keys.sort();
  for (const key of keys) {
    const value = query?.[key];
    if (value === null || value === undefined) continue;
    const values: readonly (string | number | boolean)[] = Array.isArray(value) ? value : [value];
    for (const item of values) params.append(key, String(item));
  }
  const search = params.toString();
  return `${base.replace(/\/+$/, '')}${path}${search === '' ? '' : `?${search}`}`;
}

/**
 * The longest request URL the client sends. Servers and proxies commonly refuse more (8 KiB is a usual header
 * limit), with a 414 or 431 or by closing the connection, which would look like a network failure worth retrying.
 */
export const MAX_URL_LENGTH = 8192;

/**
 * The INVALID_INPUT error for a URL over `MAX_URL_LENGTH`, naming the longest query parameter (never its value),
 * or undefined when the URL fits.
 */
export function urlTooLong(
  url: string,
  query: Readonly<Record<string, QueryValue>> | undefined,
): PantherApiError | undefined {
  if (url.length <= MAX_URL_LENGTH) return undefined;
  let longest: { key: string; length: number } | undefined;
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) continue;
    const length = buildRestUrl('', '/', { [key]: value }).length - 2;
    if (longest === undefined || length > longest.length) longest = { key, length };
  }
  const culprit =
    longest === undefined
      ? 'its path is too long'
      : `the query parameter "${longest.key}" alone takes ${longest.length.toLocaleString('en-US')}`;
  return clientError(
    'INVALID_INPUT',
    `Request not sent to Panther: its URL would be ${url.length.toLocaleString('en-US')} characters long, ` +
      `over the limit of ${MAX_URL_LENGTH.toLocaleString('en-US')}, and ${culprit}. Send shorter or fewer values.`,
  );
}

/** The first path segment, lower-cased: `/alerts/abc/events` → `alerts`. */
export function firstPathSegment(path: string): string {
  return (
    (path.split('?')[0] ?? '')
      .split('/')
      .find((segment) => segment !== '')
      ?.toLowerCase() ?? ''
  );
}

/** Tags of a REST call: the first path segment plus any the caller named. */
export function restTags(path: string, extra: readonly string[] | undefined): string[] {
  const tags = new Set<string>([firstPathSegment(path), ...(extra ?? [])]);
  tags.delete('');
  return [...tags];
}

const KIND_BY_SEGMENT: ReadonlyMap<string, CacheKind> = new Map([
  ['alerts', 'alerts'],
  ['alert-comments', 'alerts'],
  ['rules', 'detections'],
  ['policies', 'detections'],
  ['scheduled-rules', 'detections'],
  ['simple-rules', 'detections'],
  ['queries', 'detections'],
  ['globals', 'detections'],
  ['data-models', 'detections'],
  ['api-tokens', 'identity'],
  ['users', 'catalog'],
  ['roles', 'catalog'],
  ['log-sources', 'catalog'],
]);

/** How long a REST GET may be cached, from its path; unknown paths are not cached. */
export function defaultCacheKind(path: string): CacheKind {
  return KIND_BY_SEGMENT.get(firstPathSegment(path)) ?? 'none';
}
