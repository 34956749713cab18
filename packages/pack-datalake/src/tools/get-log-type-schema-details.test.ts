import { createFakeClient, type FakeCall, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getLogTypeSchemaDetails from './get-log-type-schema-details.js';

type Graphql = Extract<FakeCall, { kind: 'graphql' }>;

const detail = (name: string) => ({
  name,
  spec: `schema: ${name}`,
  version: 1,
  revision: 2,
  discoveredSpec: '',
});

describe('get_log_type_schema_details', () => {
  it('keeps only the exact name among the substring matches', async () => {
    const fake = createFakeClient((call) => {
      const { contains } = (call as Graphql).variables['input'] as { contains: string };
      if (contains === 'AWS.CloudTrail') {
        return {
          schemas: {
            edges: [{ node: detail('AWS.CloudTrailDigest') }, { node: detail('AWS.CloudTrail') }],
          },
        };
      }
      return { schemas: { edges: [{ node: detail('Okta.SystemLog') }] } };
    });
    const result = await runTool(getLogTypeSchemaDetails, { schema_names: ['AWS.CloudTrail', 'Okta'] }, fake);
    expect(result).toEqual({
      schemas: [{ name: 'AWS.CloudTrail', spec: 'schema: AWS.CloudTrail', version: 1, revision: 2 }],
      not_found: [{ name: 'Okta', similar: ['Okta.SystemLog'] }],
    });
    expect(fake.calls).toHaveLength(2);
  });

  it('takes 1 to 5 names', () => {
    expect(getLogTypeSchemaDetails.input.safeParse({ schema_names: [] }).success).toBe(false);
    expect(
      getLogTypeSchemaDetails.input.safeParse({ schema_names: ['a', 'b', 'c', 'd', 'e', 'f'] }).success,
    ).toBe(false);
  });
});
