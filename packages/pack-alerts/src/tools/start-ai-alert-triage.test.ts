import { createFakeClient, type FakeCall, runTool } from '@mcp-panther/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AI_INFERENCE_STREAM, AI_SUMMARIZE_ALERT } from '../queries.js';
import { inputIssue, notFound } from '../testdata/helpers.js';
import startAiAlertTriage from './start-ai-alert-triage.js';

/** Answers the mutation with stream s1, then each poll with the next of `polls`. */
function aiResponder(polls: { finished: boolean; responseText: string; error?: string | null }[]) {
  let round = 0;
  return (call: FakeCall) => {
    if (call.kind !== 'graphql') throw new Error('unexpected REST call');
    if (call.document === AI_SUMMARIZE_ALERT) return { aiSummarizeAlert: { streamId: 's1' } };
    const poll = polls[Math.min(round++, polls.length - 1)];
    return { aiInferenceStream: { streamId: 's1', error: null, ...poll } };
  };
}

describe('start_ai_alert_triage', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts a run with medium output and polls until finished, backing off from 2 s', async () => {
    const fake = createFakeClient(
      aiResponder([
        { finished: false, responseText: 'Partial' },
        { finished: false, responseText: 'Partial summary' },
        { finished: true, responseText: 'Full summary' },
      ]),
    );
    const run = runTool(startAiAlertTriage, { alert_id: 'a1', prompt: 'focus on IPs' }, fake);
    await vi.advanceTimersByTimeAsync(2000);
    expect(fake.graphqlCalls()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2400);
    const result = await run;

    const [start, ...polls] = fake.graphqlCalls();
    expect(start?.document).toBe(AI_SUMMARIZE_ALERT);
    expect(start?.variables).toEqual({
      input: { alertId: 'a1', outputLength: 'medium', metadata: { kind: 'alert' }, prompt: 'focus on IPs' },
    });
    expect(start?.options).toMatchObject({ kind: 'mutation' });
    expect(polls.map((p) => [p.document, p.variables])).toEqual([
      [AI_INFERENCE_STREAM, { streamId: 's1' }],
      [AI_INFERENCE_STREAM, { streamId: 's1' }],
      [AI_INFERENCE_STREAM, { streamId: 's1' }],
    ]);
    expect(result).toMatchObject({ stream_id: 's1', finished: true, summary: 'Full summary' });
    expect(result['note']).toBeUndefined();
  });

  it('returns the partial text and says where to get the rest when it times out', async () => {
    const fake = createFakeClient(aiResponder([{ finished: false, responseText: 'So far' }]));
    const run = runTool(startAiAlertTriage, { alert_id: 'a1', timeout_seconds: 120 }, fake);
    await vi.advanceTimersByTimeAsync(121_000);
    const result = await run;
    expect(result).toMatchObject({ stream_id: 's1', finished: false, summary: 'So far' });
    expect(result['note']).toContain('get_ai_alert_triage_summary');
    // 2 s growing ×1.2 up to 10 s within 120 s: a bounded number of polls, not a busy loop.
    expect(fake.graphqlCalls().length).toBeLessThan(20);
  });

  it('fails with Panther AI’s error and the stream id', async () => {
    const fake = createFakeClient(
      aiResponder([{ finished: true, responseText: '', error: 'model overloaded' }]),
    );
    await expect(runTool(startAiAlertTriage, { alert_id: 'a1' }, fake)).rejects.toThrow(
      'AI inference failed (stream s1): model overloaded',
    );
  });

  it('stops polling when the request is cancelled', async () => {
    const fake = createFakeClient(aiResponder([{ finished: false, responseText: '' }]));
    const controller = new AbortController();
    const run = runTool(
      startAiAlertTriage,
      { alert_id: 'a1' },
      { client: fake.client, signal: controller.signal },
    );
    const settled = expect(run).rejects.toThrow('cancelled');
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error('cancelled'));
    await settled;
    expect(fake.graphqlCalls()).toHaveLength(2);
  });

  it('names the alert when it does not exist, and bounds timeout_seconds to 120..300', async () => {
    const fake = createFakeClient(() => {
      throw notFound();
    });
    await expect(runTool(startAiAlertTriage, { alert_id: 'nope' }, fake)).rejects.toThrow(
      'No alert found with ID: nope',
    );
    expect(inputIssue(startAiAlertTriage, { alert_id: 'a', timeout_seconds: 119 })?.path).toBe(
      'timeout_seconds',
    );
    expect(inputIssue(startAiAlertTriage, { alert_id: 'a', timeout_seconds: 301 })?.path).toBe(
      'timeout_seconds',
    );
  });
});
