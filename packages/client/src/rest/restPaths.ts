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
