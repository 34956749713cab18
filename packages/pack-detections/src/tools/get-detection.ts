import {
  compact,
  defineTool,
  encodePath,
  fieldsParam,
  isPantherApiError,
  type JsonObject,
  PantherApiError,
  pick,
} from '@mcp-panther/core';
import { z } from 'zod';
import { detectionId, detectionTypes } from '../params.js';
import { DETAIL_FIELDS, DETECTION_KINDS, detectionTags } from '../support/detection-kinds.js';
import detectionView from '../views/detection.js';

/** The whole record without null and empty-text fields, or only `id` and the fields asked for. */
function shape(record: JsonObject, fields: readonly string[] | undefined): JsonObject {
  return compact(fields ? pick(record, ['id', ...fields]) : record);
}

export default defineTool({
  name: 'get_detection',
  title: 'Get detection',
  description:
    'Get one detection in full (code, tests, runbook), looked up in the detection_type types (pass the ' +
    'known one).',
  access: 'read',
  permissions: ['RuleRead', 'PolicyRead'],
  view: detectionView,
  input: z.object({
    detection_id: detectionId,
    detection_type: detectionTypes,
    fields: fieldsParam(DETAIL_FIELDS).optional(),
  }),
  continuation: { fields: 'fields' },
  async handler({ detection_id, detection_type, fields }, { client, signal }) {
    const types = [...new Set(detection_type)];
    const settled = await Promise.allSettled(
      types.map((type) => {
        const kind = DETECTION_KINDS[type];
        return client.rest<JsonObject>({
          method: 'GET',
          path: kind.path + encodePath`/${detection_id}`,
          signal,
          cacheKind: 'detections',
          tags: detectionTags(kind),
        });
      }),
    );

    const out: JsonObject = {};
    const missing: string[] = [];
    settled.forEach((result, i) => {
      const type = types[i]!;
      if (result.status === 'fulfilled') {
        out[DETECTION_KINDS[type].singular] = shape(result.value, fields);
      } else if (isPantherApiError(result.reason) && result.reason.code === 'NOT_FOUND') {
        missing.push(type);
      } else {
        throw result.reason;
      }
    });

    if (missing.length === types.length) {
      throw new PantherApiError(
        'NOT_FOUND',
        `No detection with id "${detection_id}" in ${types.join(', ')}. ` +
          'Check the id with list_detections, or try other detection types.',
        { status: 404 },
      );
    }
    if (missing.length > 0) out['not_found_in_types'] = missing;
    return out;
  },
});
