import { defineTool, sleep, textParam } from '@mcp-panther/core';
import { z } from 'zod';
import { alertId } from '../params.js';
import {
  AI_INFERENCE_STREAM,
  AI_SUMMARIZE_ALERT,
  type AIInferenceStream,
  type AIInferenceStreamResult,
  type AISummarizeAlertResult,
} from '../queries.js';
import { aiFailure } from '../support/ai.js';
import { describeAiTriage } from '../support/change.js';
import { forAlert } from '../support/errors.js';

/** Poll delays: 2 s, growing ×1.2 per round, capped at 10 s (as the reference server polls). */
const FIRST_DELAY_MS = 2000;
const MAX_DELAY_MS = 10_000;

export default defineTool({
  name: 'start_ai_alert_triage',
  title: 'Start AI alert triage',
  description:
    'Start a new Panther AI triage of an alert and wait up to timeout_seconds for its summary (later: get_ai_alert_triage_summary).',
  access: 'write',
  destructive: false,
  idempotent: false,
  permissions: ['RunPantherAI'],
  input: z.object({
    alert_id: alertId,
    prompt: textParam(2000).optional().describe('extra instructions'),
    timeout_seconds: z.number().int().min(120).max(300).default(180),
  }),
  describeChange: describeAiTriage,
  async handler({ alert_id, prompt, timeout_seconds }, { client, signal, progress }) {
    const startedAt = Date.now();
    const started = await forAlert(alert_id, () =>
      client.graphql<AISummarizeAlertResult>(
        AI_SUMMARIZE_ALERT,
        {
          input: {
            alertId: alert_id,
            outputLength: 'medium',
            metadata: { kind: 'alert' },
            ...(prompt ? { prompt } : {}),
          },
        },
        { kind: 'mutation', tags: ['ai-triage'], signal },
      ),
    );
    const streamId = started.aiSummarizeAlert.streamId;
    const deadline = startedAt + timeout_seconds * 1000;

    let delay = FIRST_DELAY_MS;
    let stream: AIInferenceStream | null = null;
    for (let round = 1; ; round++) {
      const polled = await client.graphql<AIInferenceStreamResult>(
        AI_INFERENCE_STREAM,
        { streamId },
        { cacheKind: 'none', signal },
      );
      stream = polled.aiInferenceStream;
      if (stream?.error) throw aiFailure(stream.error, streamId);
      if (stream?.finished) break;
      await progress(round, undefined, 'AI triage running');
      const left = deadline - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(delay, left), signal);
      delay = Math.min(delay * 1.2, MAX_DELAY_MS);
    }

    const seconds = Math.round((Date.now() - startedAt) / 100) / 10;
    const result = {
      stream_id: streamId,
      finished: stream?.finished === true,
      summary: stream?.responseText ?? '',
      generation_time_seconds: seconds,
    };
    return result.finished
      ? result
      : {
          ...result,
          note: `Not finished after ${timeout_seconds}s; call get_ai_alert_triage_summary with this alert_id later.`,
        };
  },
});
