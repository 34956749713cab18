import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import listDataModels from './list-data-models.js';

const model = {
  id: 'Standard.AWS.CloudTrail',
  displayName: 'AWS CloudTrail',
  description: 'CloudTrail mappings',
  enabled: true,
  logTypes: ['AWS.CloudTrail'],
  mappings: [{ name: 'source_ip', path: 'sourceIPAddress' }],
  managed: true,
  body: 'def get_event_type(event): ...',
  createdAt: '2024-01-01T00:00:00Z',
  lastModified: '2024-01-02T00:00:00Z',
};

describe('list_data_models', () => {
  it('lists models without their Python body', async () => {
    const fake = createFakeClient(() => ({ results: [model] }));
    const out = await runTool(listDataModels, { limit: 3 }, fake);
    expect(fake.restCalls()[0]).toMatchObject({ path: '/data-models', query: { limit: 3 } });
    const { body: _body, ...compact } = model;
    expect(out).toEqual({ data_models: [compact] });
  });

  it('pages with the cursor', async () => {
    const fake = createFakeClient(() => ({ results: [], next: 'p3' }));
    const out = await runTool(listDataModels, { cursor: 'p2' }, fake);
    expect(fake.restCalls()[0]?.query).toMatchObject({ cursor: 'p2', limit: 100 });
    expect(out['next_cursor']).toBe('p3');
  });
});
