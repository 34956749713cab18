import {
  defineTool,
  encodePath,
  isPantherApiError,
  type JsonObject,
  PantherApiError,
  pick,
} from '@mcp-panther/core';
import { z } from 'zod';
import { detectionId, detectionType } from '../params.js';
import { DETECTION_KINDS, detectionTags, LIST_FIELDS } from '../support/detection-kinds.js';

/** Fields Panther returns but does not take back on PUT. */
const READ_ONLY_FIELDS = [
  'createdAt',
  'createdBy',
  'createdByExternal',
  'lastModified',
  'pythonBody',
] as const;

/** A shallow copy of `item` without `fields`. */
function omit(item: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = { ...item };
  for (const field of fields) delete out[field];
  return out;
}

export default defineTool({
  name: 'disable_detection',
  title: 'Disable detection',
  description:
    'Disable one detection (enabled=false only; rules are saved without re-running tests); a disabled one ' +
    'is left alone.',
  access: 'write',
  destructive: true,
  idempotent: true,
  permissions: { anyOf: ['RuleModify', 'PolicyModify'] },
  input: z.object({ detection_id: detectionId, detection_type: detectionType.default('rules') }),
  describeChange: ({ detection_id, detection_type }) =>
    `Disable ${DETECTION_KINDS[detection_type].label.toLowerCase()} ${detection_id}`,
  async handler({ detection_id, detection_type }, { client, signal, logger }) {
    const kind = DETECTION_KINDS[detection_type];
    const path = kind.path + encodePath`/${detection_id}`;
    const tags = detectionTags(kind);

    let current: JsonObject;
    try {
      // Always read fresh: the write sends this object back.
      current = await client.rest<JsonObject>({ method: 'GET', path, signal, cacheKind: 'none', tags });
    } catch (error) {
      if (isPantherApiError(error) && error.code === 'NOT_FOUND') {
        throw new PantherApiError(
          'NOT_FOUND',
          `${kind.label} "${detection_id}" not found. Check the id and detection_type with list_detections.`,
          { status: 404, cause: error },
        );
      }
      throw error;
    }

    if (current['enabled'] === false) {
      return { [kind.singular]: pick(current, LIST_FIELDS), changed: false };
    }

    const body = { ...omit(current, READ_ONLY_FIELDS), enabled: false };
    const saved = await client.rest<JsonObject | undefined>({
      method: 'PUT',
      path,
      ...(kind.isRule ? { query: { 'run-tests-first': 'false' } } : {}),
      body,
      signal,
      tags,
    });
    logger.info('detection disabled', { type: detection_type, id: detection_id });
    const result = saved && typeof saved === 'object' ? saved : body;
    return { [kind.singular]: pick(result, LIST_FIELDS), changed: true };
  },
});
