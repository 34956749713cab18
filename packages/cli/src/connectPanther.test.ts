import { createHost, createLogger, givenPackSource, memorySink, parseConfig } from '@mcp-panther/core';
import { startSandbox } from '@mcp-panther/sandbox';
import { describe, expect, it } from 'vitest';
// Core's own test packs: the same host pipeline core's tests drive, here on the CLI's sandbox connection.
import { otherPack, thingsPack } from '../../core/src/testdata/packs.js';
import { connectSandbox, loadSandbox } from './connectPanther.js';
import { sandboxConfig } from './sandboxSection.js';

const sources = [thingsPack, otherPack].map((pack) => givenPackSource(pack));

describe('the CLI connects core to the sandbox', () => {
  it('starts the sandbox when no Panther URL is configured, and says so', async () => {
    let closed = false;
    let sandboxToken = '';
    let requests = (): number => 0;
    const asked: Parameters<typeof startSandbox>[0][] = [];
    const start: typeof startSandbox = async (options) => {
      asked.push(options);
      const sandbox = await startSandbox(options);
      sandboxToken = sandbox.tokens.analyst;
      requests = () => sandbox.stats.requestsByRoute['GET /api-tokens/self'] ?? 0;
      return {
        ...sandbox,
        close: async () => {
          closed = true;
          await sandbox.close();
        },
      };
    };
    const sink = memorySink();
    const logger = createLogger({ level: 'debug', format: 'json', sink });
    const sandbox = sandboxConfig({ sandbox: { port: 0, role: 'analyst', events: 2_000, seed: 3 } });
    const host = await createHost({
      config: parseConfig({ packs: [] }),
      packs: sources,
      parts: { connect: (ctx) => connectSandbox(ctx, sandbox, async () => start) },
      logger,
    });
    expect(host.target.facts).toEqual({ sandbox: true });
    expect(asked).toEqual([expect.objectContaining({ events: 2_000, seed: 3 })]);
    expect(requests()).toBe(1);
    expect(host.instructions).toContain('embedded Panther sandbox');
    expect(host.info()).toMatchObject({
      sandbox: true,
      available_tools: ['get_other', 'fail_thing', 'list_things'],
    });
    expect(host.info().token_permissions).not.toContain('AlertModify');
    expect(sink.lines.some((l) => l.includes('running on the embedded Panther sandbox'))).toBe(true);
    expect(JSON.stringify(host.info())).not.toContain(sandboxToken);
    expect(sink.lines.join('')).not.toContain(sandboxToken);
    await host.close();
    expect(closed).toBe(true);
  });
});

describe('an installation without DuckDB', () => {
  it('has no sandbox, and says what to configure instead', async () => {
    const missing = Object.assign(
      new Error("Cannot find package '@duckdb/node-api' imported from /ext/server/bundle/sandbox.js"),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    const failed = loadSandbox(() => Promise.reject(missing));
    await expect(failed).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(failed).rejects.toThrow(/no embedded sandbox .*set the Panther instance URL and API token/);
  });

  it('passes any other import failure on as it is', async () => {
    const other = Object.assign(new Error("Cannot find package 'graphql'"), { code: 'ERR_MODULE_NOT_FOUND' });
    await expect(loadSandbox(() => Promise.reject(other))).rejects.toBe(other);
  });
});
