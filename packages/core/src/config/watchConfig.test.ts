import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReloadOptions, ReloadReport } from '../host/reload.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { loadConfig } from './loadConfig.js';
import { type ConfigWatcher, watchConfig } from './watchConfig.js';

let dir: string;
let watcher: ConfigWatcher | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-watch-'));
});
afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await rm(dir, { recursive: true, force: true });
});

const REPORT: ReloadReport = {
  addedTools: [],
  removedTools: [],
  notified: { tools: false, prompts: false, resources: false },
  sessions: 0,
  needsRestart: [],
};

/** A host that records what it is asked to apply; the watcher is what is under test. */
function start(file: string) {
  const applied: ReloadOptions[] = [];
  const outcomes: ({ ok: true } | { ok: false; error: Error })[] = [];
  const sink = memorySink();
  watcher = watchConfig({
    host: {
      async reload(options) {
        applied.push(options);
        return REPORT;
      },
    },
    file,
    load: () => loadConfig({ configPath: file, env: {} }),
    logger: createLogger({ level: 'debug', format: 'json', sink }),
    onReload: (outcome) => outcomes.push(outcome),
    debounceMs: 20,
  });
  return { applied, outcomes, logs: sink.lines };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('watchConfig', () => {
  it('applies a saved edit once, including a save by rename, and skips saves that change nothing', async () => {
    const file = path.join(dir, 'mcp-panther.config.json');
    await writeFile(file, JSON.stringify({ packs: ['a'] }));
    const { applied, outcomes } = start(file);
    await writeFile(file, JSON.stringify({ packs: ['a'], policy: { denyTools: ['x_*'] } }));
    await until(() => outcomes.length === 1, 'the first reload');
    expect(applied[0]?.config.policy.denyTools).toEqual(['x_*']);
    expect(applied[0]?.baseDir).toBe(dir);

    // Editors that write a new file and rename it over the old one.
    const temp = path.join(dir, '.mcp-panther.config.json.tmp');
    await writeFile(temp, JSON.stringify({ packs: ['a', 'b'] }));
    await rename(temp, file);
    await until(() => outcomes.length === 2, 'the reload after a rename');
    expect(applied[1]?.config.packs).toEqual(['a', 'b']);

    await writeFile(file, JSON.stringify({ packs: ['a', 'b'] }));
    await writeFile(path.join(dir, 'other.json'), '{}');
    await new Promise((r) => setTimeout(r, 200));
    expect(outcomes).toHaveLength(2);
  });

  it('refuses an edit that does not validate, with a log line, and applies the next good one', async () => {
    const file = path.join(dir, 'mcp-panther.config.json');
    await writeFile(file, JSON.stringify({ packs: [] }));
    const { applied, outcomes, logs } = start(file);
    await writeFile(file, JSON.stringify({ policy: { mode: 'rw' } }));
    await until(() => outcomes.length === 1, 'the refusal');
    expect(outcomes[0]).toMatchObject({ ok: false });
    expect(applied).toEqual([]);
    const refusal = logs.map((l) => JSON.parse(l)).find((l) => l.msg.startsWith('config change refused'));
    expect(refusal).toMatchObject({
      level: 'error',
      msg: 'config change refused; the previous config keeps serving',
      error: expect.stringContaining('policy.mode: must be one of read-only, read-write (got "rw")'),
    });
    await writeFile(file, JSON.stringify({ policy: { mode: 'read-write' } }));
    await until(() => outcomes.length === 2, 'the good edit');
    expect(applied[0]?.config.policy.mode).toBe('read-write');
  });

  it('does not watch a JavaScript config, which Node reads once', async () => {
    const file = path.join(dir, 'mcp-panther.config.mjs');
    await writeFile(file, 'export default {};\n');
    const { logs } = start(file);
    expect(logs.join('')).toContain(
      'not watching the config file: a JavaScript config is read once per process',
    );
  });
});
