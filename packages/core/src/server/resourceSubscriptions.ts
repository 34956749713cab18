import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';

/** One session's resource subscriptions (`resources/subscribe`), and the notice a tool sends when one changes. */
export interface ResourceSubscriptions {
  /** Whether the session subscribed to the URI. */
  has(uri: string): boolean;
  /** Sends `notifications/resources/updated` for the URI when the session subscribed to it. */
  updated(uri: string): Promise<void>;
}

/**
 * Declares `resources.subscribe` on a new server and answers `resources/subscribe` and `resources/unsubscribe`
 * for its session. Each server is one session, so the set lives here. Subscribing needs a URI the session can
 * read (`exists` throws the read's own not-found error otherwise); unsubscribing from a URI never subscribed to is
 * not an error (the client's view and the session's agree afterwards either way).
 */
export function serveSubscriptions(server: McpServer, exists: (uri: string) => void): ResourceSubscriptions {
  const subscribed = new Set<string>();
  server.server.registerCapabilities({ resources: { subscribe: true } });
  server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    exists(request.params.uri);
    subscribed.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });
  return {
    has: (uri) => subscribed.has(uri),
    async updated(uri) {
      if (subscribed.has(uri)) await server.server.sendResourceUpdated({ uri });
    },
  };
}
