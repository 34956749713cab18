import { createHash } from 'node:crypto';
import { type FSWatcher, readFileSync, watch } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../define/types.js';
import type { Host } from '../host/createHost.js';
import type { ReloadReport } from '../host/reload.js';
import type { PackSource } from '../types.js';
import { EMPTY_FILE, type LoadedConfig } from './loadConfig.js';
import { readSettled, stillHolds } from './readSettled.js';

/**
 * Editors and tools save in bursts (truncate, write, rename; a kubelet swaps a symlink): an attempt starts once the
 * folder has been quiet this long.
 */
export const WATCH_DEBOUNCE_MS = 200;
/** Then the file is read again this much later, until two reads agree. */
export const WATCH_SETTLE_MS = 150;
/** A file still changing after this many reads is left for its next change event. */
const MAX_READS = 20;

export interface ConfigWatcher {
  close(): void;
}

export interface WatchConfigOptions {
  readonly host: Pick<Host, 'reload'>;
  /** The config file to watch. */
  readonly file: string;
  /** Reads and validates the config again (file, environment and flags, as at start-up); throws when invalid. */
  readonly load: () => Promise<LoadedConfig>;
  /**
   * The pack sources of a loaded config, when they are more than its `packs` (packs built from its sections);
   * default: its `packs`.
   */
  readonly packs?: ((loaded: LoadedConfig) => readonly PackSource[]) | undefined;
  readonly logger: Logger;
  /** Told about every attempt (tests, embedding). */
  readonly onReload?:
    | ((outcome: { ok: true; report: ReloadReport } | { ok: false; error: Error }) => void)
    | undefined;
  readonly debounceMs?: number | undefined;
  readonly settleMs?: number | undefined;
}

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Node caches imported modules: a JavaScript config file is read once per process, whatever changes on disk. */
export const WATCHABLE_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml', '.ts', ''];

/**
 * The names in the watched folder whose change may change what the config path reads: the file itself, and the
 * `..data` symlink (and its `..data_tmp` and `..<timestamp>` folders) that a Kubernetes ConfigMap or Secret
 * mount swaps to update every file at once. Other files in the folder (logs, editors' swap files) are ignored, so
 * a busy folder cannot hold an edit back forever.
 */
export function concernsConfig(changed: string | null, name: string): boolean {
  return changed === null || changed === name || changed.startsWith('..');
}

/**
 * Watches a config file and applies each saved edit to a running host. Only a whole file is applied: an attempt
 * starts once the folder is quiet, the file is read until two reads agree, an empty or whitespace-only file is
 * refused (never read as the defaults), and a file that changed while it was being loaded is read again. The
 * file is then validated, its packs loaded and its policy applied, and connected clients are told what changed.
 * A refused edit (empty, missing, invalid, packs that fail to load) is logged once as a warning naming the reason,
 * and the config in force keeps serving. Watches the folder, not the file, so a save by rename and a `..data`
 * symlink swap are seen.
 */
export function watchConfig(options: WatchConfigOptions): ConfigWatcher {
  const { logger } = options;
  const file = path.resolve(options.file);
  const name = path.basename(file);
  if (!WATCHABLE_EXTENSIONS.includes(path.extname(file))) {
    logger.warn(
      'not watching the config file: a JavaScript config is read once per process; restart to apply edits',
      {
        file,
      },
    );
    return { close() {} };
  }
  // The file as it is now is what the host started with: only later edits count. What was last decided on (applied
  // or refused), so that each edit is reported once.
  let decided: string | undefined;
  try {
    decided = digest(readFileSync(file));
  } catch {
    // Not there yet: its first appearance is an edit.
  }
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  const refuse = (key: string, error: Error): void => {
    if (key === decided) return;
    decided = key;
    logger.warn('config change refused; the previous config keeps serving', { file, reason: error.message });
    options.onReload?.({ ok: false, error });
  };

  const attempt = async (): Promise<void> => {
    const read = await readSettled(file, {
      intervalMs: options.settleMs ?? WATCH_SETTLE_MS,
      maxReads: MAX_READS,
    });
    if (closed) return;
    if (read.kind === 'unsettled') {
      // Still being written: its next change event brings another attempt.
      logger.debug('config file still changing; waiting for it to settle', { file });
      return;
    }
    if (read.kind === 'unreadable') {
      refuse(`unreadable:${read.reason}`, new Error(read.reason));
      return;
    }
    const seen = digest(read.bytes);
    if (seen === decided) return;
    if (read.bytes.toString('utf8').trim() === '') {
      refuse(seen, new Error(EMPTY_FILE));
      return;
    }
    let loaded: LoadedConfig;
    try {
      loaded = await options.load();
    } catch (error) {
      if (await stillHolds(file, read.bytes)) refuse(seen, error as Error);
      else again = true;
      return;
    }
    // Loading read the file again: apply only what the settled reads saw.
    if (!(await stillHolds(file, read.bytes))) {
      again = true;
      return;
    }
    if (closed) return;
    try {
      const report = await options.host.reload({
        config: loaded.config,
        baseDir: loaded.baseDir,
        packs: options.packs?.(loaded),
      });
      decided = seen;
      logger.info('config reloaded', {
        file,
        added: report.addedTools,
        removed: report.removedTools,
        sessions: report.sessions,
      });
      if (report.needsRestart.length > 0) {
        logger.warn('config changes that take effect only after a restart', { fields: report.needsRestart });
      }
      options.onReload?.({ ok: true, report });
    } catch (error) {
      refuse(seen, error as Error);
    }
  };

  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await attempt();
      } while (again && !closed);
    } finally {
      running = false;
    }
  };

  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), options.debounceMs ?? WATCH_DEBOUNCE_MS);
  };

  const watcher: FSWatcher = watch(path.dirname(file), { persistent: false }, (_event, changed) => {
    if (concernsConfig(changed, name)) schedule();
  });
  watcher.on('error', (error) => logger.warn('watching the config file failed', { file, error }));
  logger.info('watching the config file for changes', { file });
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}
