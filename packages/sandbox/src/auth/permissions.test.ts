import { PANTHER_PERMISSIONS as CLIENT_PERMISSIONS } from '@mcp-panther/client';
import { isEnumType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandboxSchema } from '../graphql/handler.js';
import { PANTHER_PERMISSIONS } from '../index.js';
import { startTestSandbox, type TestSandbox } from '../testing/harness.js';
import { GRAPHQL_PERMISSIONS } from './permissions.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ events: 200 });
});
afterAll(async () => {
  await sb?.close();
});

describe('sandbox permissions', () => {
  it("are the client's list itself, not a copy", () => {
    expect(PANTHER_PERMISSIONS).toBe(CLIENT_PERMISSIONS);
  });

  it("leave out of GraphQL only what the served schema's Permission enum lacks", () => {
    const type = buildSandboxSchema().getType('Permission');
    expect(isEnumType(type)).toBe(true);
    const values = isEnumType(type) ? type.getValues().map((value) => value.name) : [];
    expect([...GRAPHQL_PERMISSIONS]).toEqual(values);
  });

  it('give the admin token every permission over REST, BulkUploadValidate included', async () => {
    const answer = await sb.rest('/api-tokens/self');
    expect(answer.status).toBe(200);
    expect(answer.json.permissions).toEqual([...CLIENT_PERMISSIONS]);
  });

  it('show the Admin role over GraphQL with every GraphQL permission and nothing the enum lacks', async () => {
    const roles = await sb.gql<{ roles: { name: string; permissions: string[] }[] }>(
      '{ roles(input: {}) { name permissions } }',
    );
    expect(roles.errors).toBeUndefined();
    expect(roles.data?.roles.find((role) => role.name === 'Admin')?.permissions).toEqual([
      ...GRAPHQL_PERMISSIONS,
    ]);
  });
});
