import type { PantherClient } from '@mcp-panther/client';
import type { Logger } from '../define/types.js';

export interface DiscoveredPermissions {
  /** The token's raw permission names; undefined when they could not be read. */
  readonly permissions: ReadonlySet<string> | undefined;
  readonly note: string | undefined;
  /** The token's own name and id, when Panther says. */
  readonly token?: { readonly id?: string; readonly name?: string };
}

/** Asks Panther which permissions the API token holds (`GET /api-tokens/self`). Never throws. */
export async function discoverPermissions(
  client: PantherClient,
  logger: Logger,
): Promise<DiscoveredPermissions> {
  try {
    const self = await client.rest<{ id?: unknown; name?: unknown; permissions?: unknown }>({
      method: 'GET',
      path: '/api-tokens/self',
      cacheKind: 'identity',
    });
    if (!Array.isArray(self?.permissions)) {
      logger.warn('Panther did not list the token permissions; no tool is hidden for lack of permission');
      return { permissions: undefined, note: 'Panther did not list the token permissions' };
    }
    const permissions = new Set(self.permissions.filter((p): p is string => typeof p === 'string'));
    logger.info('token permissions', { permissions: [...permissions].sort() });
    return {
      permissions,
      note: undefined,
      token: {
        ...(typeof self.id === 'string' ? { id: self.id } : {}),
        ...(typeof self.name === 'string' ? { name: self.name } : {}),
      },
    };
  } catch (error) {
    const note = `could not read the token permissions: ${(error as Error).message}`;
    logger.warn(`${note}; no tool is hidden for lack of permission`, {
      code: (error as { code?: unknown }).code,
    });
    return { permissions: undefined, note };
  }
}
