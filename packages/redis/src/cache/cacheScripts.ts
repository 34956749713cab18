import { luaScript } from '../connection/luaScript.js';

/**
 * The stale-after-write guard, atomically: store the entry only if none of its tags' version counters moved since
 * the read captured them, and index it under each tag (the tag set lives as long as its longest entry).
 * KEYS[1] entry, KEYS[2..n+1] version counters, KEYS[n+2..2n+1] tag sets; ARGV[1] JSON, ARGV[2] TTL ms,
 * ARGV[3..n+2] the captured versions. Returns 1 when stored.
 */
export const conditionalSet = luaScript(`
local n = (#KEYS - 1) / 2
for i = 1, n do
  if tonumber(redis.call('GET', KEYS[1 + i]) or '0') ~= tonumber(ARGV[2 + i]) then return 0 end
end
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
for i = 1, n do
  local set = KEYS[1 + n + i]
  redis.call('SADD', set, KEYS[1])
  if redis.call('PTTL', set) < ttl then redis.call('PEXPIRE', set, ttl) end
end
return 1
`);

/**
 * Moves each tag's version and drops every entry indexed under it, in one step: every replica sees the
 * invalidation at once, and a read that captured the old version can no longer store its answer.
 * KEYS[1..n] version counters, KEYS[n+1..2n] tag sets.
 */
export const invalidateTags = luaScript(`
local n = #KEYS / 2
for i = 1, n do
  redis.call('INCR', KEYS[i])
  local members = redis.call('SMEMBERS', KEYS[n + i])
  for j = 1, #members, 500 do
    redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[n + i])
end
return n
`);
