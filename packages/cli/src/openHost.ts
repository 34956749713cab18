import {
  type ConfigOverride,
  createHost,
  type Host,
  type LoadedConfig,
  loadConfig,
  type StartSandbox,
} from '@mcp-panther/core';
import { configOverrides, type ParsedArgs } from './args.js';
import { CLI_PACKAGE_DIR, CLI_VERSION } from './version.js';

/** Imports the sandbox only when it is needed (no Panther URL), keeping it out of the normal start path. */
export async function loadSandbox(): Promise<StartSandbox> {
  const { startSandbox } = await import('@mcp-panther/sandbox');
  return startSandbox;
}

export async function readConfig(
  values: ParsedArgs['values'],
  extra: readonly ConfigOverride[] = [],
): Promise<LoadedConfig> {
  return loadConfig({ configPath: values.config, overrides: [...extra, ...configOverrides(values)] });
}

/** The host as `serve`, `tools` and `doctor` build it: config file, environment and flags; packs from the config. */
export async function openHost(loaded: LoadedConfig): Promise<Host> {
  return createHost({
    config: loaded.config,
    baseDir: loaded.baseDir,
    resolveFrom: [CLI_PACKAGE_DIR],
    loadSandbox,
    serverInfo: { name: 'mcp-panther', version: CLI_VERSION },
  });
}

/** `tools` and `doctor` log only warnings unless the user asked for a level. */
export function quietUnlessAsked(values: ParsedArgs['values']): ConfigOverride[] {
  return values['log-level'] === undefined && !process.env['LOG_LEVEL']
    ? [{ path: ['logging', 'level'], value: 'warn', source: '(default for this command)' }]
    : [];
}
