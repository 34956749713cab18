import { createHash } from 'node:crypto';

// Plain names stay readable in redis-cli; anything else (JSON variables, long paths) is hashed to a bounded,
// brace-free name. `#` cannot occur in a plain name, so the two forms never collide.
const PLAIN = /^[A-Za-z0-9_.:-]{1,120}$/;

export function keyPart(value: string): string {
  return PLAIN.test(value) ? value : `#${createHash('sha256').update(value).digest('base64url')}`;
}

/**
 * Every key of one namespace shares the hash tag `{namespace}`, so the multi-key Lua scripts stay in one slot
 * should the namespace ever live on a Redis Cluster.
 */
export interface Keys {
  readonly prefix: string;
  key(...parts: readonly string[]): string;
}

export function namespacedKeys(namespace: string): Keys {
  const prefix = `mcp-panther:{${namespace}}`;
  return { prefix, key: (...parts) => [prefix, ...parts].join(':') };
}
