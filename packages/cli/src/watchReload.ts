import { type ConfigWatcher, type Host, type LoadedConfig, watchConfig } from '@mcp-panther/core';
import type { ParsedArgs } from './args.js';
import { configPacks } from './configPacks.js';
import { readConfig } from './openHost.js';

/**
 * With `--watch` (or `reload: true`), follows the config file the server started from: each saved edit is read
 * again with the same environment and flags, and its packs and policy are applied to the running host (query tools
 * are built again, reading their saved queries from Panther).
 */
export function watchForReload(
  host: Host,
  loaded: LoadedConfig,
  values: ParsedArgs['values'],
): ConfigWatcher | undefined {
  if (!loaded.config.reload) return undefined;
  if (loaded.filepath === undefined) {
    host.logger.warn('reload is on, but there is no config file to watch: start with --config PATH');
    return undefined;
  }
  const file = loaded.filepath;
  // The file that was found, even if a search from the working directory would now find another.
  return watchConfig({
    host,
    file,
    load: () => readConfig({ ...values, config: file }),
    packs: configPacks,
    logger: host.logger,
  });
}
