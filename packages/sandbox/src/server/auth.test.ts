import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKEN_PERMISSIONS } from '../auth/permissions.js';
import { startTestSandbox, type TestSandbox } from '../testing/harness.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb.close();
});

describe('sandbox HTTP server', () => {
  it('answers GET / with a discovery page that points at itself', async () => {
    const response = await fetch(`${sb.url}/`);
    const html = await response.text();
    expect(response.status).toBe(200);
    const config = /<script[^>]*id=["']__PANTHER_CONFIG__["'][^>]*>(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(config![1]!)).toMatchObject({ rest: sb.url });
  });

  it('returns 401 with a JSON message when the key is missing or unknown', async () => {
    for (const token of [null] as const) {
      const answer = await sb.rest('/alerts', { token });
      expect(answer.status).toBe(401);
      expect(answer.contentType).toBe('application/json');
      expect(answer.json.message).toMatch(/X-API-Key/);
    }
    const response = await fetch(`${sb.url}/alerts`, { headers: { 'X-API-Key': 'not-a-token' } });
    expect(response.status).toBe(401);
    const gql = await fetch(sb.graphqlUrl, { method: 'POST', body: '{"query":"{__typename}"}' });
    expect(gql.status).toBe(401);
    expect(
      ((await gql.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('returns 403 with a message naming the missing permission', async () => {
    const answer = await sb.rest('/alerts', { token: 'noAccess' });
    expect(answer.status).toBe(403);
    expect(answer.json.message).toContain('AlertRead');
    const patch = await sb.rest('/alerts', {
      token: 'analyst',
      method: 'PATCH',
      body: { ids: ['x'], status: 'OPEN' },
    });
    expect(patch.status).toBe(403);
    expect(patch.json.message).toContain('AlertModify');
  });

  it('lets every token read its own permissions at /api-tokens/self', async () => {
    for (const name of ['admin', 'analyst', 'responder', 'detectionEngineer', 'noAccess'] as const) {
      const answer = await sb.rest('/api-tokens/self', { token: name });
      expect(answer.status).toBe(200);
      expect([...answer.json.permissions].sort()).toEqual([...SANDBOX_TOKEN_PERMISSIONS[name]].sort());
      expect(answer.json.value).toBeUndefined();
    }
    expect(SANDBOX_TOKEN_PERMISSIONS.analyst).not.toContain('AlertModify');
    expect(SANDBOX_TOKEN_PERMISSIONS.analyst).not.toContain('RuleModify');
    expect(SANDBOX_TOKEN_PERMISSIONS.analyst).not.toContain('PolicyModify');
  });

  it('serves REST under /v1 as well', async () => {
    const answer = await sb.rest('/v1/api-tokens/self');
    expect(answer.status).toBe(200);
    expect(answer.json.name).toBe('sandbox-admin');
  });

  it('answers unknown routes and methods with JSON errors', async () => {
    expect((await sb.rest('/no-such-thing')).status).toBe(404);
    const wrongMethod = await sb.rest('/alerts', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.contentType).toBe('application/json');
  });

  it('counts requests by route', async () => {
    await sb.rest('/api-tokens/self');
    expect(sb.stats.requests).toBeGreaterThan(0);
    expect(sb.stats.requestsByRoute['GET /api-tokens/self']).toBeGreaterThan(0);
  });
});
