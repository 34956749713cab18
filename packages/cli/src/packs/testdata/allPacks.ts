/** The four first-party packs together, and a fake Panther whose token holds every permission. */
import { PANTHER_PERMISSIONS } from '@mcp-panther/client';
import { createFakeClient, type FakeClient } from '@mcp-panther/core/testing';
import { adminPack } from '@mcp-panther/pack-admin';
import { alertsPack } from '@mcp-panther/pack-alerts';
import { datalakePack } from '@mcp-panther/pack-datalake';
import { detectionsPack } from '@mcp-panther/pack-detections';

export const ALL_PACKS = [alertsPack, datalakePack, detectionsPack, adminPack];

/** A fake Panther that answers the token's permissions with all of them, and `{}` to anything else. */
export function fullAccessPanther(): FakeClient {
  return createFakeClient((call) =>
    call.kind === 'rest' && call.request.path === '/api-tokens/self'
      ? { id: 't', name: 'admin', permissions: [...PANTHER_PERMISSIONS] }
      : {},
  );
}
