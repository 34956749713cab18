import { type LoadedConfig, type PackSource, packSources } from '@mcp-panther/core';
import { queryToolsSourcesOf } from '@mcp-panther/pack-datalake';

/** The packs a loaded config serves: its `packs`, then those built from its sections (the query tools). */
export function configPacks(loaded: LoadedConfig): PackSource[] {
  return [...packSources(loaded.config.packs), ...queryToolsSourcesOf(loaded.sections)];
}
