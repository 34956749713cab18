import { createHash } from 'node:crypto';
import type { ClientScope, PantherTarget } from '../types.js';
import type { SharedScope } from './types.js';

const ALLOWED = /[^A-Za-z0-9_.:-]/g;
const MAX_CHARS = 200;

/** A key prefix a shared store accepts (letters, digits and `. _ : -`, at most 200): readable when it can be. */
function storeName(text: string): string {
  const plain = text.replace(ALLOWED, '_');
  return plain.length <= MAX_CHARS ? plain : createHash('sha256').update(text).digest('hex');
}

/**
 * Cache entries and in-flight reads: the client scope's namespace (the instance and a one-way digest of the
 * token, never the token), so every replica configured with the same token shares them and no other token
 * sees its answers.
 */
export const sharedScope = (scope: ClientScope): SharedScope => ({
  target: scope.target,
  namespace: storeName(scope.namespace),
});

/** The request budget: one per Panther instance (its host), whatever the token. */
export const instanceNamespace = (target: PantherTarget): string =>
  storeName(`instance:${new URL(target.rest).host}`);

/**
 * Who started which query (`ownership/`): one set of records per Panther instance, whatever the token (a query id
 * names one query of the instance, and its owner is a caller, not a token).
 */
export const ownersNamespace = (target: PantherTarget): string =>
  storeName(`owners:${new URL(target.rest).host}`);
