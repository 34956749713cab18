import type { ConfigSection } from '@mcp-panther/core';
import { z } from 'zod';

const schema = z
  .strictObject({
    /** The store's address; its password is the store's access token (`http://:TOKEN@host:port`). */
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    /** How many replicas share the request budget (each keeps 1/replicas of it while the store is away). */
    replicas: z.int().min(1).max(1_000).default(1),
    /** How long one call to the store may take before the replica's local store answers instead. */
    timeoutMs: z.int().min(1).max(60_000).default(250),
  })
  .optional();

export type KvStoreConfig = NonNullable<z.output<typeof schema>>;

/** The user name and password written into the URL, raw and decoded: never to be shown. */
function credentials(url: string): string[] {
  const { username, password } = new URL(url);
  return [username, password].filter((s) => s !== '').flatMap((s) => [s, decodeURIComponent(s)]);
}

/** The `kvStore` section: where replicas share cache entries and the request budget. */
export const KV_STORE_SECTION: ConfigSection<KvStoreConfig | undefined> = {
  key: 'kvStore',
  schema,
  env: [
    { name: 'KV_STORE_URL', path: ['kvStore', 'url'], kind: 'string' },
    { name: 'KV_STORE_TIMEOUT_MS', path: ['kvStore', 'timeoutMs'], kind: 'number' },
  ],
  secrets: (value) => (value ? credentials(value.url) : []),
};

export function kvStoreConfig(sections: Readonly<Record<string, unknown>>): KvStoreConfig | undefined {
  return sections['kvStore'] as KvStoreConfig | undefined;
}
