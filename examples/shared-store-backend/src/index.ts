/**
 * An example shared-store backend, written outside core with its public API only: the `kvStore` config section,
 * the `sharedStore` part it configures, and (for tests and demos) the in-memory store served over HTTP.
 */
import type { HostParts } from '@mcp-panther/core';
import { createKvSharedStore } from './createKvSharedStore.js';
import type { KvStoreConfig } from './section.js';

export type { KvStoreConfig } from './section.js';
export { KV_STORE_SECTION, kvStoreConfig } from './section.js';
export type { StoreServer } from './storeServer.js';
export { startStoreServer } from './storeServer.js';

/** The host's `sharedStore` part for a `kvStore` section: none when the section is unset. */
export function kvSharedStore(config: KvStoreConfig | undefined): HostParts['sharedStore'] {
  return ({ logger }) => (config === undefined ? undefined : createKvSharedStore({ config, logger }));
}
