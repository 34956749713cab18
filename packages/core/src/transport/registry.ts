/** An entry's shape, declared here so that the registry imports nothing (the config schema imports it). */
interface RegistryEntry {
  readonly load: () => Promise<unknown>;
  readonly aliases?: readonly string[];
  readonly processStdio?: boolean;
}

/**
 * The transports the host knows, by the name `server.transport` uses: the one place a transport is named. The
 * config schema takes its names (and aliases) from here, the host serves the chosen one from here (`parts.transports`
 * may swap an implementation), and what callers need to know of a transport is data here (`processStdio`). A new
 * transport is a new module and one entry.
 */
export const TRANSPORTS = Object.freeze({
  stdio: { load: () => import('./stdio.js'), processStdio: true },
  'streamable-http': { load: () => import('./http.js'), aliases: ['http'] },
} satisfies Record<string, RegistryEntry>);

export type TransportName = keyof typeof TRANSPORTS;

/** The transport `host.listen()` serves: MCP over HTTP. */
export const HTTP_TRANSPORT: TransportName = 'streamable-http';

const entries = Object.entries(TRANSPORTS) as [TransportName, RegistryEntry][];

/** Every name `server.transport` accepts: each transport's name and its aliases. */
export const TRANSPORT_CHOICES: readonly [string, ...string[]] = entries.flatMap(([name, entry]) => [
  name,
  ...(entry.aliases ?? []),
]) as [string, ...string[]];

/** The transport a name or alias stands for (`http` → `streamable-http`); the name itself otherwise. */
export function transportNamed(name: string): string {
  return entries.find(([, entry]) => entry.aliases?.includes(name))?.[0] ?? name;
}

/** Whether the transport speaks MCP over the process's own stdin and stdout (nothing else may write to stdout). */
export function usesProcessStdio(name: string): boolean {
  return (TRANSPORTS as Readonly<Record<string, RegistryEntry>>)[transportNamed(name)]?.processStdio === true;
}
