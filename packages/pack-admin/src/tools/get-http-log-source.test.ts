import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import getHttpLogSource from './get-http-log-source.js';

const SECRETS = [
  's3cr3t-bearer-value',
  'hunter2-password',
  'hmac-shared-secret-value',
  'nested-api-key-value',
];

describe('get_http_log_source', () => {
  it('redacts every credential and keeps the auth method and non-secret names', async () => {
    const fake = createFakeClient(() => ({
      integrationId: 'http-1',
      integrationLabel: 'Webhook',
      logTypes: ['Custom.Webhook'],
      logStreamType: 'JSON',
      authMethod: 'HMAC',
      authHeaderKey: 'X-Signature',
      authHmacAlg: 'sha256',
      authUsername: 'collector',
      authBearerToken: SECRETS[0],
      authPassword: SECRETS[1],
      authSecretValue: SECRETS[2],
      extra: { apiKey: SECRETS[3], clientSecret: '' },
    }));
    const out = await runTool(getHttpLogSource, { source_id: 'http-1' }, fake);
    const text = JSON.stringify(out);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(out).toEqual({
      source: {
        integrationId: 'http-1',
        integrationLabel: 'Webhook',
        logTypes: ['Custom.Webhook'],
        logStreamType: 'JSON',
        authMethod: 'HMAC',
        authHeaderKey: 'X-Signature',
        authHmacAlg: 'sha256',
        authUsername: 'collector',
        authBearerToken: '[redacted]',
        authPassword: '[redacted]',
        authSecretValue: '[redacted]',
        extra: { apiKey: '[redacted]' },
        hasSecret: true,
      },
    });
    expect(fake.restCalls()[0]).toMatchObject({
      method: 'GET',
      path: '/log-sources/http/http-1',
      cacheKind: 'none',
    });
  });

  it('says hasSecret false for a source without credentials', async () => {
    const fake = createFakeClient(() => ({ integrationId: 'h', authMethod: 'None', authBearerToken: null }));
    expect(await runTool(getHttpLogSource, { source_id: 'h' }, fake)).toEqual({
      source: { integrationId: 'h', authMethod: 'None', hasSecret: false },
    });
  });
});
