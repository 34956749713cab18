import { defineTool, PantherApiError } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId } from '../params.js';
import {
  AI_INFERENCE_STREAM,
  AI_INFERENCE_STREAMS_METADATA,
  type AIInferenceStreamResult,
  type AIInferenceStreamsMetadataResult,
} from '../queries.js';

export default defineTool({
  name: 'get_ai_alert_triage_summary',
  title: 'Get AI alert triage summary',
  description: 'The latest Panther AI triage summary of an alert, finished or still running.',
  access: 'read',
  permissions: ['RunPantherAI'],
  input: z.object({ alert_id: alertId }),
  async handler({ alert_id }, { client, signal }) {
    const metadata = await client.graphql<AIInferenceStreamsMetadataResult>(
      AI_INFERENCE_STREAMS_METADATA,
      { input: { alias: alert_id } },
      { cacheKind: 'none', tags: ['ai-triage'], signal },
    );
    // Panther lists the streams oldest first: the last one is the newest.
    const streamId = metadata.aiInferenceStreamsMetadata?.edges.at(-1)?.node.streamId;
    if (!streamId) {
      throw new PantherApiError(
        'NOT_FOUND',
        `No AI triage summary found for alert ${alert_id}; start one with start_ai_alert_triage.`,
      );
    }
    const { aiInferenceStream: stream } = await client.graphql<AIInferenceStreamResult>(
      AI_INFERENCE_STREAM,
      { streamId },
      { cacheKind: 'none', signal },
    );
    if (!stream) throw new PantherApiError('NOT_FOUND', `AI triage stream ${streamId} not found`);
    return {
      stream_id: stream.streamId,
      finished: stream.finished,
      summary: stream.responseText,
      ...(stream.error ? { error: stream.error } : {}),
    };
  },
});
