import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getDataModel from './get-data-model.js';

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

describe('get_data_model', () => {
  it('returns the full model', async () => {
    const fake = createFakeClient(() => model);
    expect(await runTool(getDataModel, { data_model_id: model.id }, fake)).toEqual({
      data_model: model,
    });
    expect(fake.restCalls()[0]).toMatchObject({
      method: 'GET',
      path: '/data-models/Standard.AWS.CloudTrail',
    });
  });

  it('requires an id', () => {
    expect(() => getDataModel.input.parse({})).toThrow();
  });
});
