import { createHash } from 'node:crypto';
import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../define/types.js';
import type { Host } from '../host/createHost.js';
import type { ReloadReport } from '../host/reload.js';
import type { PackSource } from '../types.js';
import type { LoadedConfig } from './loadConfig.js';

/** Editors save in bursts (truncate, write, rename): one reload per burst. */
export const WATCH_DEBOUNCE_MS = 100;

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
}

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Node caches imported modules: a JavaScript config file is read once per process, whatever changes on disk. */
export const WATCHABLE_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml', '.ts', ''];

/**
 * Watches a config file and applies each saved edit to a running host: the file is validated, its packs loaded and
 * its policy applied, then connected clients are told what changed. An edit that does not validate or whose packs
 * fail to load is refused with a log line, and the config in force keeps serving. Watches the folder, not the
 * file, so editors that save by renaming a new file into place are followed.
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
  // The file as it is now is what the host started with: only later edits count.
  let lastSeen: string | undefined;
  try {
    lastSeen = digest(readFileSync(file));
  } catch {
    // Not there yet: its first appearance is an edit.
  }
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  const attempt = async (): Promise<void> => {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      // Mid-save (renamed away for a moment) or deleted: the next event says more.
      logger.debug('config file not readable yet', { file, error });
      return;
    }
    const seen = digest(bytes);
    if (seen === lastSeen) return;
    lastSeen = seen;
    try {
      const loaded = await options.load();
      const report = await options.host.reload({
        config: loaded.config,
        baseDir: loaded.baseDir,
        packs: options.packs?.(loaded),
      });
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
      logger.error('config change refused; the previous config keeps serving', {
        file,
        error: (error as Error).message,
      });
      options.onReload?.({ ok: false, error: error as Error });
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
    if (changed === null || changed === name) schedule();
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
