import {
  type ConfigOverride,
  createHost,
  DEFAULT_PARTS,
  type Host,
  type HostParts,
  type LoadedConfig,
  loadConfig,
  type ToolsetRequest,
} from '@mcp-panther/core';
import { QUERY_TOOLS_SECTION } from '@mcp-panther/pack-datalake';
import { REDIS_SECTION, redisConfig, redisSharedStore } from '@mcp-panther/redis/host';
import { TELEMETRY_SECTION } from '@mcp-panther/telemetry';
import { configOverrides, type ParsedArgs } from './args.js';
import { configPacks } from './configPacks.js';
import { connectPantherOrSandbox } from './connectPanther.js';
import { SANDBOX_SECTION, sandboxConfig } from './sandboxSection.js';
import { CLI_PACKAGE_DIR, CLI_VERSION } from './version.js';

/** The config sections the command reads besides the host's own. */
export const CLI_SECTIONS = [SANDBOX_SECTION, TELEMETRY_SECTION, REDIS_SECTION, QUERY_TOOLS_SECTION];

export async function readConfig(
  values: ParsedArgs['values'],
  extra: readonly ConfigOverride[] = [],
): Promise<LoadedConfig> {
  return loadConfig({
    configPath: values.config,
    overrides: [...extra, ...configOverrides(values)],
    sections: CLI_SECTIONS,
  });
}

/**
 * The host as `serve`, `tools` and `doctor` build it: config file, environment and flags; packs from the config
 * (its `packs`, and the query tools of its `queryTools` section, built once Panther is connected);
 * each optional subsystem as its config section plus the parts it configures (the sandbox's `connect`, Redis's
 * `sharedStore`). `withParts` adds to the CLI's parts (telemetry wraps them); `toolset` narrows every connection
 * (`--toolsets`, `--tools`, `--read-only`).
 */
export async function openHost(
  loaded: LoadedConfig,
  withParts: (parts: Partial<HostParts>) => Partial<HostParts> = (parts) => parts,
  toolset?: ToolsetRequest | undefined,
): Promise<Host> {
  return createHost({
    config: loaded.config,
    baseDir: loaded.baseDir,
    resolveFrom: [CLI_PACKAGE_DIR],
    packs: configPacks(loaded),
    parts: withParts({
      connect: connectPantherOrSandbox(sandboxConfig(loaded.sections), DEFAULT_PARTS.connect),
      sharedStore: redisSharedStore(redisConfig(loaded.sections)),
    }),
    secrets: loaded.secrets,
    toolset,
    serverInfo: { name: 'mcp-panther', version: CLI_VERSION },
  });
}

/** `tools` and `doctor` log only warnings unless the user asked for a level. */
export function quietUnlessAsked(values: ParsedArgs['values']): ConfigOverride[] {
  return values['log-level'] === undefined && !process.env['LOG_LEVEL']
    ? [{ path: ['logging', 'level'], value: 'warn', source: '(default for this command)' }]
    : [];
}
