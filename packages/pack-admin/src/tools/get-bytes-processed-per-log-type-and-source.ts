import { defineTool, ToolInputError } from '@mcp-panther/core';
import { z } from 'zod';
import { intervalInMinutes, isoDate } from '../params.js';
import { BYTES_PROCESSED, type BytesProcessedData } from '../queries.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export default defineTool({
  name: 'get_bytes_processed_per_log_type_and_source',
  title: 'Get bytes processed',
  description:
    'Data ingestion volume: bytes processed per log type, a per-interval breakdown and the total; default: ' +
    'the 7 days before end_date (now).',
  access: 'read',
  permissions: ['SummaryRead'],
  input: z.object({
    start_date: isoDate,
    end_date: isoDate,
    interval_in_minutes: intervalInMinutes,
  }),
  async handler(args, { client, signal }) {
    const end = args.end_date ?? new Date();
    const start = args.start_date ?? new Date(Math.floor((end.getTime() - WEEK_MS) / HOUR_MS) * HOUR_MS);
    if (start >= end) throw new ToolInputError('start_date', 'must be before end_date.');

    const input = {
      fromDate: start.toISOString(),
      toDate: end.toISOString(),
      intervalInMinutes: args.interval_in_minutes,
    };
    const data = await client.graphql<BytesProcessedData>(
      BYTES_PROCESSED,
      { input },
      { signal, cacheKind: 'metrics' },
    );
    const series = data.metrics.bytesProcessedPerSource ?? [];
    return {
      bytes_processed: series,
      total_bytes: series.reduce((sum, s) => sum + (Number.isFinite(s.value) ? s.value : 0), 0),
      start_date: input.fromDate,
      end_date: input.toDate,
      interval_in_minutes: input.intervalInMinutes,
    };
  },
});
