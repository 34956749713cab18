/** The names a new pack gets from its id (`ioc-tools`): package, folder, pack and tool identifiers. */
export interface PackNames {
  /** The pack id, kebab-case: `ioc-tools`. */
  readonly id: string;
  /** The npm package name: `mcp-panther-pack-ioc-tools`. */
  readonly packageName: string;
  /** The exported pack constant: `iocToolsPack`. */
  readonly packConst: string;
  /** A human title: `Ioc tools`. */
  readonly title: string;
  /** The example tool's name (snake_case, prefixed with the id so it cannot clash with another pack's). */
  readonly toolName: string;
  /** Its file stem (the tool name in kebab-case, which `assertPackConventions` checks). */
  readonly toolFile: string;
  /** Its exported constant: `iocToolsListRecentAlerts`. */
  readonly toolConst: string;
}

/** What the host accepts as a pack id (kebab-case, starting with a letter). */
export const PACK_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const camel = (kebab: string): string => kebab.replace(/-([a-z0-9])/g, (_all, c: string) => c.toUpperCase());

export function packNames(id: string): PackNames {
  const snake = id.replaceAll('-', '_');
  const toolName = `${snake}_list_recent_alerts`;
  return {
    id,
    packageName: `mcp-panther-pack-${id}`,
    packConst: `${camel(id)}Pack`,
    title: `${id.charAt(0).toUpperCase()}${id.slice(1).replaceAll('-', ' ')}`,
    toolName,
    toolFile: toolName.replaceAll('_', '-'),
    toolConst: camel(`${id}-list-recent-alerts`),
  };
}
