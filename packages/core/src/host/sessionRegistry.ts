import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import type { CatalogChanges } from '../catalog/catalog.js';

/**
 * Every MCP server the host made and that is not yet closed, with its caller's profile: what a reload tells about
 * its changes, and what the host closes on the way out.
 */
export interface SessionRegistry {
  /** Records a new server; it leaves the registry when it closes. */
  add(server: McpServer, profile: string | undefined): void;
  /** Tells every connected client which of its lists changed (a client that went away is skipped). */
  announce(changesOf: (profile: string | undefined) => CatalogChanges): void;
  /** Servers whose client is still connected. */
  connected(): number;
  /** Closes every server still open. */
  closeAll(): Promise<void>;
}

export function createSessionRegistry(): SessionRegistry {
  const sessions = new Map<McpServer, string | undefined>();
  return {
    add(server, profile) {
      sessions.set(server, profile);
      server.server.onclose = () => sessions.delete(server);
    },
    announce(changesOf) {
      for (const [server, profile] of sessions) {
        if (!server.isConnected()) continue;
        const changes = changesOf(profile);
        const notifications: ServerNotification[] = [
          ...(changes.tools ? [{ method: 'notifications/tools/list_changed' as const }] : []),
          ...(changes.prompts ? [{ method: 'notifications/prompts/list_changed' as const }] : []),
          ...(changes.resources ? [{ method: 'notifications/resources/list_changed' as const }] : []),
        ];
        for (const notification of notifications) server.server.notification(notification).catch(() => {});
      }
    },
    connected: () => [...sessions.keys()].filter((s) => s.isConnected()).length,
    async closeAll() {
      for (const server of [...sessions.keys()]) await server.close().catch(() => {});
    },
  };
}
