import { defineTool, ToolInputError } from '@mcp-panther/core';
import { z } from 'zod';
import { cursor, type DetectionType, detectionTypes, limit, SEVERITIES, strings, text } from '../params.js';
import { DETECTION_KINDS, type DetectionKind, detectionTags } from '../support/detection-kinds.js';
import { cursorOf, type JsonObject, type Page, pick } from '../support/objects.js';

const input = z.object({
  detection_types: detectionTypes,
  name_contains: text,
  state: z.enum(['enabled', 'disabled']).optional().describe('default: both'),
  severity: z.array(z.enum(SEVERITIES)).optional(),
  tag: strings,
  log_type: strings.describe('rules, simple_rules'),
  resource_type: strings.describe('policies'),
  compliance_status: z.enum(['PASS', 'FAIL', 'ERROR']).optional().describe('policies'),
  created_by: text,
  last_modified_by: text,
  output_ids: strings.describe('destination ids; filters each page'),
  cursor: cursor.describe('needs exactly one detection type'),
  limit: limit.describe('per type'),
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

function matchesOutputs(item: JsonObject, wanted: ReadonlySet<string>): boolean {
  const ids = item['outputIDs'];
  return Array.isArray(ids) && ids.some((id) => typeof id === 'string' && wanted.has(id));
}

export default defineTool({
  name: 'list_detections',
  title: 'List detections',
  description:
    'List rules, scheduled rules, simple rules and/or policies with summary fields (no code or tests: see ' +
    'get_detection). Filters that do not apply to a type are not sent to it.',
  access: 'read',
  permissions: ['RuleRead', 'PolicyRead'],
  input,
  async handler(args, { client, signal }) {
    const types = [...new Set(args.detection_types)];
    checkInput(args, types);

    const pages = await Promise.all(
      types.map((type) => {
        const kind = DETECTION_KINDS[type];
        return client.rest<Page>({
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
    const out: JsonObject = {};
    const cut: DetectionType[] = [];
    let dropped = 0;
    types.forEach((type, i) => {
      const page = pages[i];
      const kind = DETECTION_KINDS[type];
      let items = (page?.results ?? []).map((item) => pick(item, kind.compactFields));
      if (wanted) {
        const kept = items.filter((item) => matchesOutputs(item, wanted));
        dropped += items.length - kept.length;
        items = kept;
      }
      out[type] = items;
      if (page?.next) {
        out[types.length === 1 ? 'next_cursor' : `${type}_next_cursor`] = page.next;
        cut.push(type);
      }
    });

    const notes: string[] = [];
    if (cut.length === 1 && types.length === 1) {
      notes.push('More results: call again with cursor=next_cursor.');
    } else if (cut.length > 0) {
      notes.push(
        `More results for ${cut.join(', ')}: call again with that one type and its <type>_next_cursor as cursor.`,
      );
    }
    if (wanted && dropped > 0 && cut.length > 0) {
      notes.push(`output_ids is applied to each page: ${dropped} detections on this page did not match.`);
    }
    if (notes.length > 0) out['note'] = notes.join(' ');
    return out;
  },
});
