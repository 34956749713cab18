import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { fakeClient, otherPack, thingsPack } from '../testdata/packs.js';
import type { PackSource } from '../types.js';
import { createHost } from './createHost.js';

const sources: PackSource[] = [thingsPack, otherPack].map((pack) => ({
  specifier: pack.id,
  enabled: true,
  optional: false,
  config: undefined,
  pack,
}));
const quietLogger = () => {
  const sink = memorySink();
  return { sink, logger: createLogger({ level: 'debug', format: 'json', sink }) };
};

describe('createHost', () => {
  it('shows every tool (with a note) when the token permissions cannot be read', async () => {
    const host = await createHost({
      config: parseConfig({ packs: [], policy: { mode: 'read-write' } }),
      packs: sources,
      client: fakeClient('fail'),
      logger: quietLogger().logger,
    });
    expect(host.info().available_tools).toHaveLength(5);
    expect(host.info().token_permissions).toBeNull();
    expect(host.info().token_permissions_note).toBe('could not read the token permissions: invalid API key');
    await host.close();
  });

  it('does not ask for permissions when the filter is switched off', async () => {
    const client = fakeClient([]);
    const host = await createHost({
      config: parseConfig({ packs: [], policy: { hideUnpermittedTools: false } }),
      packs: sources,
      client,
      logger: quietLogger().logger,
    });
    expect(client.requests).toEqual([]);
    expect(host.info().available_tools).toEqual(['get_other', 'fail_thing', 'list_things']);
    await host.close();
  });

  it('needs a URL (or a sandbox) and a token', async () => {
    await expect(
      createHost({ config: parseConfig({ packs: [] }), packs: sources, logger: quietLogger().logger }),
    ).rejects.toThrow('No Panther URL: set PANTHER_INSTANCE_URL');
    await expect(
      createHost({
        config: parseConfig({ packs: [], panther: { restUrl: 'http://127.0.0.1:9' } }),
        packs: sources,
        logger: quietLogger().logger,
      }),
    ).rejects.toThrow('No Panther API token: set PANTHER_API_TOKEN');
  });
});
