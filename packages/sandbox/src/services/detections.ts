import type { PlatformStore } from '../store/platformStore.js';
import type { Doc } from '../store/types.js';

export const DETECTION_KINDS = ['rules', 'scheduled-rules', 'simple-rules', 'policies'] as const;

/** A detection by id, whatever its kind (ids are unique across kinds). */
export async function findDetection(store: PlatformStore, id: string): Promise<Doc | undefined> {
  for (const kind of DETECTION_KINDS) {
    const doc = await store.getObject(kind, id);
    if (doc !== undefined) return doc;
  }
  return undefined;
}
