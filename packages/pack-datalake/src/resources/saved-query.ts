import { defineResourceTemplate, type ResourceCompletionContext, type RestPage } from '@mcp-panther/core';

/** Ids of saved queries (one cached page) that start with the typed value. */
async function completeQueryId(
  value: string,
  { client, signal }: ResourceCompletionContext,
): Promise<string[]> {
  const page = await client.rest<RestPage<{ id?: unknown }>>({
    method: 'GET',
    path: '/queries',
    query: { limit: 100 },
    cacheKind: 'detections',
    signal,
  });
  const prefix = value.toLowerCase();
  return (page.results ?? [])
    .map((query) => query.id)
    .filter((id): id is string => typeof id === 'string' && id.toLowerCase().startsWith(prefix))
    .slice(0, 20);
}

/** `panther://queries/{id}`: one saved or scheduled query with its SQL, read through get_scheduled_query. */
export default defineResourceTemplate({
  name: 'saved-query',
  title: 'Panther saved query',
  description: 'One saved or scheduled query with its SQL and schedule, as get_scheduled_query returns it.',
  uriTemplate: 'panther://queries/{id}',
  tool: 'get_scheduled_query',
  toolArguments: ({ id }) => ({ query_id: id }),
  complete: { id: completeQueryId },
});
