/**
 * Panther's REST routes are `/{collection}[/{id}[/{action}]]`, where a collection is one segment or, for log
 * sources, two (`/log-sources/http`). Actions are a known few; any other segment is taken for an identifier, so
 * a label never carries a value from the path and the number of labels stays bounded.
 */
const TWO_SEGMENT_COLLECTIONS = new Set(['log-sources']);
const ACTIONS = new Set(['events', 'rotate']);

/** `GET /alerts/a0f3…/events` → `GET /alerts/{id}/events`; the query string is dropped. */
export function restOperation(method: string, path: string): string {
  const segments = (path.split('?')[0] ?? '').split('/').filter((s) => s !== '');
  const first = segments[0]?.toLowerCase() ?? '';
  const collection = TWO_SEGMENT_COLLECTIONS.has(first) ? 2 : 1;
  const parts: string[] = [];
  segments.forEach((segment, index) => {
    if (index < collection) parts.push(segment.toLowerCase());
    else if (index === collection) parts.push('{id}');
    else parts.push(ACTIONS.has(segment) ? segment : '{}');
  });
  return `${method} /${parts.join('/')}`;
}

/** The GraphQL operation's label: its name, as written in the document. */
export function graphqlOperation(name: string | undefined): string {
  return name ?? 'anonymous';
}
