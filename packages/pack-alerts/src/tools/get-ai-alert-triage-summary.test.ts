import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { AI_INFERENCE_STREAM, AI_INFERENCE_STREAMS_METADATA } from '../queries.js';
import getAiAlertTriageSummary from './get-ai-alert-triage-summary.js';

describe('get_ai_alert_triage_summary', () => {
  it('reads the newest (last) stream of the alert', async () => {
    const fake = createFakeClient((call) => {
      if (call.kind !== 'graphql') throw new Error('unexpected');
      if (call.document === AI_INFERENCE_STREAMS_METADATA) {
        return {
          aiInferenceStreamsMetadata: {
            edges: [{ node: { streamId: 'old' } }, { node: { streamId: 'new' } }],
          },
        };
      }
      return { aiInferenceStream: { streamId: 'new', finished: true, responseText: 'Benign', error: null } };
    });
    const result = await runTool(getAiAlertTriageSummary, { alert_id: 'a1' }, fake);
    expect(fake.graphqlCalls().map((c) => [c.document, c.variables])).toEqual([
      [AI_INFERENCE_STREAMS_METADATA, { input: { alias: 'a1' } }],
      [AI_INFERENCE_STREAM, { streamId: 'new' }],
    ]);
    expect(result).toEqual({ stream_id: 'new', finished: true, summary: 'Benign' });
  });

  it('reports a stream error and an unfinished run as they are', async () => {
    const fake = createFakeClient((call) =>
      call.kind === 'graphql' && call.document === AI_INFERENCE_STREAMS_METADATA
        ? { aiInferenceStreamsMetadata: { edges: [{ node: { streamId: 's' } }] } }
        : { aiInferenceStream: { streamId: 's', finished: false, responseText: 'Half', error: 'stopped' } },
    );
    await expect(runTool(getAiAlertTriageSummary, { alert_id: 'a1' }, fake)).resolves.toEqual({
      stream_id: 's',
      finished: false,
      summary: 'Half',
      error: 'stopped',
    });
  });

  it('says how to start a triage when the alert has none', async () => {
    const fake = createFakeClient(() => ({ aiInferenceStreamsMetadata: { edges: [] } }));
    const failure = runTool(getAiAlertTriageSummary, { alert_id: 'a1' }, fake);
    await expect(failure).rejects.toThrow(
      'No AI triage summary found for alert a1; start one with start_ai_alert_triage.',
    );
    await expect(failure).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
