import type { ConfigSection } from '@mcp-panther/core';
import { z } from 'zod';
import { urlSecrets } from '../connection/redisUrl.js';

/** A Redis URL. A custom check, so that a wrong value (which may hold a password) is never echoed in errors. */
const redisUrl = z.string().refine(
  (value) => {
    try {
      return ['redis:', 'rediss:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  },
  { error: 'must be a redis:// or rediss:// URL (redis://[user:password@]host[:port][/db])' },
);

const schema = z
  .strictObject({
    /** Where replicas share the cache, in-flight reads and the request budget. Prefer MCP_PANTHER_REDIS_URL. */
    url: redisUrl,
    /**
     * How many replicas share the request budget. While Redis is unreachable each replica falls back to its own
     * limiter, holding this share of the budget (requestsPerSecond / replicas), so that together they still keep
     * to it.
     */
    replicas: z.int().min(1).max(1_000).default(1),
  })
  .optional();

export type RedisConfig = NonNullable<z.output<typeof schema>>;

/**
 * The `redis` section of the config file: when set, replicas share the cache, in-flight reads and the request
 * budget through this Redis (the in-process stores serve while it is down or slow). Its URL's credentials are
 * secrets: the host redacts them everywhere.
 */
export const REDIS_SECTION: ConfigSection<RedisConfig | undefined> = {
  key: 'redis',
  schema,
  env: [
    { name: 'MCP_PANTHER_REDIS_URL', path: ['redis', 'url'], kind: 'string' },
    { name: 'MCP_PANTHER_REDIS_REPLICAS', path: ['redis', 'replicas'], kind: 'number' },
  ],
  secrets: (value) => (value ? urlSecrets(value.url) : []),
};

/** The validated section of a loaded config; undefined when Redis is not configured. */
export function redisConfig(sections: Readonly<Record<string, unknown>>): RedisConfig | undefined {
  return sections['redis'] as RedisConfig | undefined;
}
