import { defineTool, encodePath } from '@mcp-panther/core';
import { z } from 'zod';
import { sourceId } from '../params.js';
import { redactSecrets } from '../support/redact.js';

export default defineTool({
  name: 'get_http_log_source',
  title: 'Get HTTP log source',
  description:
    "Get one HTTP log source's settings (label, log types, stream type, auth method); never secrets: " +
    'hasSecret says if one is set.',
  access: 'read',
  permissions: ['LogSourceRead'],
  input: z.object({ source_id: sourceId }),
  async handler({ source_id }, { client, signal }) {
    // Not cached: the answer carries credentials, which we keep out of memory as far as we can.
    const raw = await client.rest<Record<string, unknown>>({
      method: 'GET',
      path: encodePath`/log-sources/http/${source_id}`,
      signal,
      cacheKind: 'none',
    });
    const { value, found } = redactSecrets(raw);
    return { source: { ...(value as Record<string, unknown>), hasSecret: found } };
  },
});
