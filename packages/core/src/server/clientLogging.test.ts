import {
  type LoggingMessageNotification,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePack } from '../define/definePack.js';
import { defineTool } from '../define/defineTool.js';
import { fakeClient, thingsPack } from '../testdata/packs.js';
import { createTestHost, type TestHost } from '../testing/createTestHost.js';

const SECRET = 'panther-token-for-logging-0123';

const noisyPack = definePack({
  id: 'noisy',
  title: 'Noisy',
  coreRange: '>=0.1.0',
  tools: [
    defineTool({
      name: 'noisy_read',
      title: 'Noisy read',
      description: 'Logs at every level, once with the token in it.',
      access: 'read',
      permissions: [],
      input: z.object({}),
      async handler(_input, { logger }) {
        logger.debug('looking around', { step: 1 });
        logger.info('found the thing');
        logger.warn(`upstream echoed ${SECRET}`, { header: { 'X-API-Key': SECRET } });
        logger.child({ part: 'inner' }).error('inner failure', { error: new Error('it broke') });
        return { ok: true };
      },
    }),
  ],
});

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

function collect(t: TestHost): LoggingMessageNotification['params'][] {
  const messages: LoggingMessageNotification['params'][] = [];
  t.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
    messages.push(notification.params);
  });
  return messages;
}

describe('MCP logging', () => {
  it('declares the capability and sends the warnings and errors of a session’s calls, secrets replaced', async () => {
    host = await createTestHost({
      packs: [noisyPack],
      panther: { url: 'http://127.0.0.1:9', token: SECRET },
      policy: { hideUnpermittedTools: false },
    });
    expect(host.client.getServerCapabilities()?.logging).toEqual({});
    const messages = collect(host);
    await host.call('noisy_read');
    expect(messages).toEqual([
      {
        level: 'warning',
        logger: 'noisy/noisy_read',
        data: { message: 'upstream echoed [REDACTED]', header: { 'X-API-Key': '[REDACTED]' } },
      },
      {
        level: 'error',
        logger: 'noisy/noisy_read',
        data: { message: 'inner failure', error: { name: 'Error', message: 'it broke' } },
      },
    ]);
    expect(JSON.stringify(messages)).not.toContain('stack');
    // The server's own log keeps every line.
    expect(host.logs.some((line) => line.includes('looking around'))).toBe(true);
  });

  it('honours logging/setLevel for the session', async () => {
    host = await createTestHost({ packs: [noisyPack], panther: { client: fakeClient() } });
    const messages = collect(host);
    await host.client.setLoggingLevel('error');
    await host.call('noisy_read');
    expect(messages.map((m) => m.level)).toEqual(['error']);
    await host.client.setLoggingLevel('debug');
    await host.call('noisy_read');
    // At debug the client also gets the host's own line about the call.
    expect(messages.map((m) => m.level)).toEqual(['error', 'debug', 'info', 'warning', 'error', 'debug']);
    expect(messages.at(-1)?.data).toMatchObject({ message: 'tool call', outcome: 'ok' });
    await expect(host.client.setLoggingLevel('loud' as 'debug')).rejects.toThrow(/level/);
  });

  it('tells the client when a call fails inside the host', async () => {
    host = await createTestHost({ packs: [thingsPack], panther: { client: fakeClient() } });
    const messages = collect(host);
    const result = await host.call('fail_thing', { how: 'bug' });
    expect(result.isError).toBe(true);
    const [message] = messages;
    expect(message).toMatchObject({ level: 'error', logger: 'things/fail_thing' });
    expect(message?.data).toMatchObject({ message: 'tool call failed', code: 'INTERNAL' });
    expect(message?.data).toMatchObject({ error: { name: 'Error', message: 'boom at line 3' } });
    expect(JSON.stringify(message)).not.toContain('stack');
  });
});
