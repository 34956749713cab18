import { createMemoryCacheStore } from '@mcp-panther/client';
import type { OwnershipSettings } from '../config/schema.js';
import { ownersNamespace } from '../sharedStore/namespaces.js';
import type { SharedStore } from '../sharedStore/types.js';
import type { PantherTarget } from '../types.js';
import { createOwnerRecords, type OwnerRecords } from './ownerRecords.js';

// What the shared store's owner cache keeps while the store is out of reach: the host's own records already serve
// this replica then, so a few entries are enough.
const SHARED_FALLBACK_ENTRIES = 64;

/**
 * The host's owner records: in this process, and in the shared store (its cache, under the instance's owners
 * namespace) when replicas share one.
 */
export function hostOwnerRecords(options: {
  readonly target: PantherTarget;
  readonly sharedStore: SharedStore | undefined;
  readonly settings: () => OwnershipSettings;
}): OwnerRecords & { close(): Promise<void> } {
  const { target, sharedStore } = options;
  const shared = sharedStore?.cacheStore(
    { target, namespace: ownersNamespace(target) },
    createMemoryCacheStore({ maxEntries: SHARED_FALLBACK_ENTRIES }),
  );
  return createOwnerRecords({ settings: options.settings, shared });
}
