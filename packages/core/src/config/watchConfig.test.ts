import { mkdir, mkdtemp, open, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReloadOptions, ReloadReport } from '../host/reload.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import { loadConfig } from './loadConfig.js';
import { type ConfigWatcher, concernsConfig, watchConfig } from './watchConfig.js';

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
function start(file: string, settleMs = 20) {
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
    settleMs,
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
      level: 'warn',
      msg: 'config change refused; the previous config keeps serving',
      reason: expect.stringContaining('policy.mode: must be one of read-only, read-write (got "rw")'),
    });
    await writeFile(file, JSON.stringify({ policy: { mode: 'read-write' } }));
    await until(() => outcomes.length === 2, 'the good edit');
    expect(applied[0]?.config.policy.mode).toBe('read-write');
  });

  it('refuses an empty, a blank and a missing file with one warning each, and never applies the defaults', async () => {
    const file = path.join(dir, 'mcp-panther.config.yaml');
    await writeFile(file, 'policy:\n  denyTools: [x_*]\n');
    const { applied, outcomes, logs } = start(file);
    const refusals = () =>
      logs.map((l) => JSON.parse(l)).filter((l) => l.msg.startsWith('config change refused'));
    for (const [text, count] of [
      ['', 1],
      [' \n\t\n', 2],
    ] as const) {
      await writeFile(file, text);
      await until(() => outcomes.length === count, `refusal ${count}`);
    }
    await unlink(file);
    await until(() => outcomes.length === 3, 'the refusal of a missing file');
    expect(applied).toEqual([]);
    expect(refusals().map((l) => [l.level, l.reason])).toEqual([
      ['warn', expect.stringContaining('the file holds no settings')],
      ['warn', expect.stringContaining('the file holds no settings')],
      ['warn', 'the file does not exist'],
    ]);
    // Another file in the folder changing: nothing to report again.
    await writeFile(path.join(dir, 'mcp-panther.config.yaml.tmp'), '');
    await new Promise((r) => setTimeout(r, 150));
    expect(outcomes).toHaveLength(3);
    await writeFile(file, 'policy:\n  denyTools: [y_*]\n');
    await until(() => outcomes.length === 4, 'the good edit');
    expect(applied.map((a) => a.config.policy.denyTools)).toEqual([['y_*']]);
  });

  it('applies only the whole file when it is truncated and then written in pieces', async () => {
    const file = path.join(dir, 'mcp-panther.config.yaml');
    await writeFile(file, 'packs: [a]\npolicy:\n  denyTools: [x_*]\n');
    const { applied, outcomes } = start(file, 300);
    // A valid YAML prefix (no deny list) first, the rest after the quiet period but before the second read.
    const handle = await open(file, 'w');
    await handle.write('packs: [a, b]\n');
    await new Promise((r) => setTimeout(r, 50));
    await handle.write('policy:\n  denyTools: [x_*, y_*]\n');
    await handle.close();
    await until(() => outcomes.length === 1, 'the reload');
    await new Promise((r) => setTimeout(r, 150));
    expect(outcomes).toHaveLength(1);
    expect(applied.map((a) => a.config.policy.denyTools)).toEqual([['x_*', 'y_*']]);
  });

  it('follows a Kubernetes ConfigMap update (the ..data symlink swapped)', async () => {
    const mount = async (version: string, text: string) => {
      await mkdir(path.join(dir, version));
      await writeFile(path.join(dir, version, 'config.yaml'), text);
      await symlink(version, path.join(dir, '..data_tmp'));
      await rename(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
    };
    await mount('..2026_01_01_00_00_00.1', 'policy:\n  denyTools: [x_*]\n');
    const file = path.join(dir, 'config.yaml');
    await symlink(path.join('..data', 'config.yaml'), file);
    const { applied, outcomes } = start(file);
    await mount('..2026_01_01_00_01_00.2', 'policy:\n  denyTools: [y_*]\n');
    await rm(path.join(dir, '..2026_01_01_00_00_00.1'), { recursive: true });
    await until(() => outcomes.length === 1, 'the reload after the swap');
    expect(applied.map((a) => a.config.policy.denyTools)).toEqual([['y_*']]);
  });

  it('is woken by the config file and the ..data swap only, not by other files in the folder', () => {
    expect(concernsConfig('config.yaml', 'config.yaml')).toBe(true);
    expect(concernsConfig('..data', 'config.yaml')).toBe(true);
    expect(concernsConfig('..data_tmp', 'config.yaml')).toBe(true);
    expect(concernsConfig(null, 'config.yaml')).toBe(true);
    expect(concernsConfig('server.log', 'config.yaml')).toBe(false);
    expect(concernsConfig('.config.yaml.swp', 'config.yaml')).toBe(false);
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
