import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/loadConfig.js';
import { givenPackSource } from '../loading/loadPacks.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { fakeClient, otherPack, thingsPack } from '../testdata/packs.js';
import { createHost } from './createHost.js';

const sources = [thingsPack, otherPack].map((pack) => givenPackSource(pack));
const quietLogger = () => {
  const sink = memorySink();
  return { sink, logger: createLogger({ level: 'debug', format: 'json', sink }) };
};

describe('createHost', () => {
  it('stops start-up when Panther rejects the token, naming the reason and the fix', async () => {
    const started = createHost({
      config: parseConfig({ packs: [], policy: { mode: 'read-write' } }),
      packs: sources,
      client: fakeClient('fail'),
      logger: quietLogger().logger,
    });
    await expect(started).rejects.toMatchObject({ code: 'PANTHER_UNAVAILABLE' });
    await expect(started).rejects.toThrow(/cannot be used: invalid API key\.\nFix: set PANTHER_API_TOKEN/);
  });

  it('with panther.allowUnreachable, starts and shows every tool (with a note) when the token is rejected', async () => {
    const host = await createHost({
      config: parseConfig({ packs: [], policy: { mode: 'read-write' }, panther: { allowUnreachable: true } }),
      packs: sources,
      client: fakeClient('fail'),
      logger: quietLogger().logger,
    });
    expect(host.info().available_tools).toHaveLength(5);
    expect(host.info().token_permissions).toBeNull();
    expect(host.info().token_permissions_note).toBe('could not read the token permissions: invalid API key');
    await host.close();
  });

  it('with the filter switched off, asks only whether Panther accepts the token, and hides nothing', async () => {
    const client = fakeClient([]);
    const host = await createHost({
      config: parseConfig({ packs: [], policy: { hideUnpermittedTools: false } }),
      packs: sources,
      client,
      logger: quietLogger().logger,
    });
    expect(client.requests.map((r) => r.path)).toEqual(['/api-tokens/self']);
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
