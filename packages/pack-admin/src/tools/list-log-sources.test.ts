import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listLogSources from './list-log-sources.js';

const s3 = {
  integrationId: 's3-1',
  integrationLabel: 'CloudTrail bucket',
  integrationType: 'aws-s3',
  isHealthy: true,
  logTypes: ['AWS.CloudTrail'],
};
const http = {
  integrationId: 'http-1',
  integrationLabel: 'Okta webhook',
  integrationType: 'http-ingest',
  isHealthy: false,
  logTypes: ['Okta.SystemLog'],
};

function sourcesPage(nodes: object[], endCursor: string | null = null) {
  return {
    sources: {
      edges: nodes.map((node) => ({ node })),
      pageInfo: { hasNextPage: endCursor !== null, endCursor },
    },
  };
}

describe('list_log_sources', () => {
  it('lists healthy and unhealthy sources when is_healthy is not given', async () => {
    const fake = createFakeClient(() => sourcesPage([s3, http]));
    expect(await runTool(listLogSources, {}, fake)).toEqual({ sources: [s3, http] });
    const call = fake.calls[0];
    expect(call?.kind).toBe('graphql');
    if (call?.kind === 'graphql') {
      expect(call.document).toContain('sources(input: $input)');
      expect(call.variables).toEqual({ input: {} });
    }
  });

  it('filters by health, integration type and any of the log types', async () => {
    const fake = createFakeClient(() => sourcesPage([s3, http]));
    expect(await runTool(listLogSources, { is_healthy: false }, fake)).toEqual({ sources: [http] });
    expect(await runTool(listLogSources, { integration_type: 'aws-s3' }, fake)).toEqual({
      sources: [s3],
    });
    expect(await runTool(listLogSources, { log_types: ['Okta.SystemLog', 'GitHub.Audit'] }, fake)).toEqual({
      sources: [http],
    });
  });

  it('passes the cursor and returns the next one with a note', async () => {
    const fake = createFakeClient(() => sourcesPage([s3], 'c2'));
    const out = await runTool(listLogSources, { cursor: 'c1', is_healthy: true }, fake);
    const call = fake.calls[0];
    if (call?.kind === 'graphql') expect(call.variables).toEqual({ input: { cursor: 'c1' } });
    expect(out).toMatchObject({
      sources: [s3],
      next_cursor: 'c2',
      note: expect.stringContaining('each page'),
    });
  });

  it('needs LogSourceRead (the reference declared View Rules)', () => {
    expect(listLogSources.permissions).toEqual(['LogSourceRead']);
  });
});
