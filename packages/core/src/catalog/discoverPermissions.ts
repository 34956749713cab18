import type { PantherClient } from '@mcp-panther/client';
import type { Logger } from '../define/types.js';
import { type PantherProbe, probePanther } from './probePanther.js';

export interface DiscoveredPermissions {
  /** The token's raw permission names; undefined when they could not be read. */
  readonly permissions: ReadonlySet<string> | undefined;
  readonly note: string | undefined;
  /** The token's own name and id, when Panther says. */
  readonly token?: { readonly id?: string; readonly name?: string };
  /** What Panther's answer said about the connection (see `probePanther`). */
  readonly probe: PantherProbe;
}

/** Asks Panther which permissions the API token holds (`GET /api-tokens/self`). Never throws. */
export async function discoverPermissions(
  client: PantherClient,
  logger: Logger,
): Promise<DiscoveredPermissions> {
  const probe = await probePanther(client, { cached: true });
  if (probe.permissions) {
    logger.info('token permissions', { permissions: [...probe.permissions].sort() });
    return { permissions: probe.permissions, note: undefined, token: probe.token ?? {}, probe };
  }
  const note =
    probe.state === 'ok' && probe.detail === 'Panther did not list the token permissions'
      ? probe.detail
      : `could not read the token permissions: ${probe.detail}`;
  logger.warn(`${note}; no tool is hidden for lack of permission`, { state: probe.state });
  return { permissions: undefined, note, probe };
}
