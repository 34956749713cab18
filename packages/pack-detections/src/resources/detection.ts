import { defineResourceTemplate, type ResourceCompletionContext, type RestPage } from '@mcp-panther/core';
import { DETECTION_TYPES, type DetectionType } from '../params.js';
import { DETECTION_KINDS, detectionTags } from '../support/detection-kinds.js';

const isType = (value: string | undefined): value is DetectionType =>
  (DETECTION_TYPES as readonly (string | undefined)[]).includes(value);

/** Ids of the type's detections (one cached page) that start with the typed value. */
async function completeDetectionId(
  value: string,
  { client, signal, arguments: known }: ResourceCompletionContext,
): Promise<string[]> {
  const kind = DETECTION_KINDS[isType(known['type']) ? known['type'] : 'rules'];
  const page = await client.rest<RestPage<{ id?: unknown }>>({
    method: 'GET',
    path: kind.path,
    query: { limit: 100 },
    cacheKind: 'detections',
    tags: detectionTags(kind),
    signal,
  });
  const prefix = value.toLowerCase();
  return (page.results ?? [])
    .map((detection) => detection.id)
    .filter((id): id is string => typeof id === 'string' && id.toLowerCase().startsWith(prefix))
    .slice(0, 20);
}

/** `panther://detections/{type}/{id}`: one detection in full, read through get_detection. */
export default defineResourceTemplate({
  name: 'detection',
  title: 'Panther detection',
  description:
    'One rule, scheduled rule, simple rule or policy in full (code, tests, runbook), as get_detection returns it. ' +
    'type: rules, scheduled_rules, simple_rules or policies.',
  uriTemplate: 'panther://detections/{type}/{id}',
  tool: 'get_detection',
  toolArguments: ({ type, id }) => ({ detection_id: id, detection_type: [type] }),
  values: { type: DETECTION_TYPES },
  complete: { id: completeDetectionId },
});
