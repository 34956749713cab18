import {
  cursorOf,
  defineTool,
  fieldsParam,
  type JsonObject,
  pagedResult,
  type RestPage,
  ToolInputError,
  table,
} from '@mcp-panther/core';
import { z } from 'zod';
import { cursor, type DetectionType, detectionTypes, limit, SEVERITIES, strings, text } from '../params.js';
import {
  DETECTION_KINDS,
  type DetectionKind,
  detectionTags,
  LIST_COLUMNS,
  LIST_FIELDS,
  LIST_TEXT_MAX,
} from '../support/detection-kinds.js';

const input = z.object({
  detection_types: detectionTypes,
  name_contains: text,
  state: z.enum(['enabled', 'disabled']).optional(),
  severity: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).optional(),
  tag: strings,
  log_type: strings.describe('rules, simple_rules'),
  resource_type: strings.describe('policies'),
  compliance_status: z.enum(['PASS', 'FAIL', 'ERROR']).optional().describe('policies'),
  created_by: text,
  last_modified_by: text,
  output_ids: strings.describe('destination ids'),
  cursor,
  limit: limit.describe('per type'),
  fields: fieldsParam(LIST_FIELDS).optional().describe('columns'),
});

type Input = z.output<typeof input>;

function checkInput(args: Input, types: readonly DetectionType[]): void {
  if (args.cursor && types.length !== 1) {
    throw new ToolInputError(
      'cursor',
      'a cursor belongs to one detection type; pass exactly one in detection_types.',
    );
  }
  const kinds = types.map((t) => DETECTION_KINDS[t]);
  if (args.log_type?.length && !kinds.some((k) => k.logTypeFilter)) {
    throw new ToolInputError(
      'log_type',
      'applies to rules and simple_rules; add one of them to detection_types.',
    );
  }
  for (const arg of ['resource_type', 'compliance_status'] as const) {
    const value = args[arg];
    if (
      (Array.isArray(value) ? value.length > 0 : value !== undefined) &&
      !kinds.some((k) => k.policyFilters)
    ) {
      throw new ToolInputError(arg, 'applies to policies; add policies to detection_types.');
    }
  }
}

function queryFor(kind: DetectionKind, args: Input) {
  return {
    limit: args.limit,
    cursor: cursorOf(args.cursor),
    'name-contains': args.name_contains || undefined,
    state: args.state,
    severity: args.severity,
    tag: args.tag,
    'created-by': args.created_by || undefined,
    'last-modified-by': args.last_modified_by || undefined,
    ...(kind.logTypeFilter ? { 'log-type': args.log_type } : {}),
    ...(kind.policyFilters
      ? { 'resource-type': args.resource_type, 'compliance-status': args.compliance_status }
      : {}),
  };
}

/** The table's columns: `id` first, then the fields asked for (or the defaults). */
function columnsFor(fields: readonly string[] | undefined): string[] {
  return ['id', ...new Set((fields ?? LIST_COLUMNS).filter((field) => field !== 'id'))];
}

function matchesOutputs(item: JsonObject, wanted: ReadonlySet<string>): boolean {
  const ids = item['outputIDs'];
  return Array.isArray(ids) && ids.some((id) => typeof id === 'string' && wanted.has(id));
}

export default defineTool({
  name: 'list_detections',
  title: 'List detections',
  description:
    'List rules, scheduled rules, simple rules and/or policies as a table per type (code: get_detection); ' +
    'filters apply to the types they fit.',
  access: 'read',
  permissions: ['RuleRead', 'PolicyRead'],
  input,
  continuation: {
    cursor: 'cursor',
    pageSize: 'limit',
    fields: 'fields',
    filters: ['name_contains', 'severity', 'state', 'tag', 'log_type'],
  },
  async handler(args, { client, signal }) {
    const types = [...new Set(args.detection_types)];
    checkInput(args, types);

    const pages = await Promise.all(
      types.map((type) => {
        const kind = DETECTION_KINDS[type];
        return client.rest<RestPage>({
          method: 'GET',
          path: kind.path,
          query: queryFor(kind, args),
          signal,
          cacheKind: 'detections',
          tags: detectionTags(kind),
        });
      }),
    );

    const wanted = args.output_ids?.length ? new Set(args.output_ids) : undefined;
    const columns = columnsFor(args.fields);
    let dropped = 0;
    const lists = types.map((_type, i) => {
      const items = pages[i]?.results ?? [];
      const kept = wanted ? items.filter((item) => matchesOutputs(item, wanted)) : items;
      dropped += items.length - kept.length;
      return table(kept, columns, { maxText: LIST_TEXT_MAX });
    });
    const filterNote =
      wanted && dropped > 0
        ? `output_ids is applied to each page: ${dropped} detections on this page did not match.`
        : undefined;

    const [only] = types;
    if (only !== undefined && types.length === 1) {
      return pagedResult(
        only,
        lists[0] ?? table([], columns),
        pages[0]?.next,
        filterNote ? { note: filterNote } : {},
      );
    }

    // Several types: each keeps its own cursor, and a next page is read one type at a time.
    const out: JsonObject = {};
    const cut: DetectionType[] = [];
    types.forEach((type, i) => {
      out[type] = lists[i];
      const next = pages[i]?.next;
      if (next) {
        out[`${type}_next_cursor`] = next;
        cut.push(type);
      }
    });
    if (cut.length > 0) {
      out['note'] = [
        `More results for ${cut.join(', ')}: call again with that one type and its <type>_next_cursor as cursor.`,
        ...(filterNote ? [filterNote] : []),
      ].join(' ');
    }
    return out;
  },
});
