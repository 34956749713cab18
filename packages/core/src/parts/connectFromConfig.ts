import { resolvePantherUrls } from '@mcp-panther/client';
import { McpHostError } from '../errors.js';
import type { PantherConnection, PartContext } from './types.js';

/** The default `connect` part: the config's Panther URL (web app, REST or GraphQL; discovered) and token. */
export async function connectFromConfig({ config, logger }: PartContext): Promise<PantherConnection> {
  const { panther } = config;
  if (!panther.instanceUrl && !panther.restUrl) {
    throw new McpHostError(
      'CONFIG_INVALID',
      'No Panther URL: set PANTHER_INSTANCE_URL (or panther.instanceUrl in the config file)',
    );
  }
  if (!panther.token) {
    throw new McpHostError(
      'CONFIG_INVALID',
      'No Panther API token: set PANTHER_API_TOKEN (or panther.token in the config file)',
    );
  }
  const urls = await resolvePantherUrls({
    instanceUrl: panther.instanceUrl,
    restUrl: panther.restUrl,
    graphqlUrl: panther.graphqlUrl,
    timeoutMs: config.client.timeoutMs,
    logger,
  });
  return { target: { ...urls, label: 'Panther' }, token: panther.token };
}
