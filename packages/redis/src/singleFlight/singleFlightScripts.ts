import { luaScript } from '../connection/luaScript.js';

/**
 * Takes the lease on a flight unless someone holds it (SET NX PX), and indexes it under its tags so that
 * `forget` can drop it. KEYS[1] lease, KEYS[2..] tag sets; ARGV[1] the caller's flight id, ARGV[2] lease ms.
 * Returns the holder's flight id: the caller leads when it is its own.
 */
export const acquireLease = luaScript(`
local holder = redis.call('GET', KEYS[1])
if holder then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return ARGV[1]
`);

/**
 * Chooses the flight that follows one that ended without a value (failed, cut, or vanished), once for all its
 * followers: the first to ask records it (its own new lease, or the flight already holding the lease), and every
 * later follower of that ended flight is sent to the same one, even when it has finished since (its outcome is
 * kept for a lease period). Without this, a follower slower than the successor's whole call would find the lease
 * free and call upstream again. KEYS[1] lease, KEYS[2] the ended flight's successor record, KEYS[3..] tag sets;
 * ARGV[1] the caller's flight id, ARGV[2] lease ms. Returns the successor's flight id: the caller leads when it
 * is its own.
 */
export const takeOverLease = luaScript(`
local successor = redis.call('GET', KEYS[2])
if successor then return successor end
local holder = redis.call('GET', KEYS[1])
if not holder then
  holder = ARGV[1]
  redis.call('SET', KEYS[1], holder, 'PX', ARGV[2])
  for i = 3, #KEYS do
    redis.call('SADD', KEYS[i], KEYS[1])
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
  end
end
redis.call('SET', KEYS[2], holder, 'PX', ARGV[2])
return holder
`);

/** Extends the lease while its leader's call runs; 0 when the lease is no longer its own. Same keys and args. */
export const renewLease = luaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return 1
`);

/**
 * Stores the outcome for the followers, releases the lease if still held, and announces the flight id.
 * KEYS[1] lease, KEYS[2] outcome; ARGV[1] flight id, ARGV[2] outcome JSON, ARGV[3] outcome TTL ms, ARGV[4] channel.
 */
export const finishFlight = luaScript(`
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[4], ARGV[1])
return 1
`);

/** Drops every lease indexed under the tags: later reads lead a fresh flight. KEYS: tag sets. */
export const forgetTags = luaScript(`
for i = 1, #KEYS do
  local leases = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #leases, 500 do
    redis.call('DEL', unpack(leases, j, math.min(j + 499, #leases)))
  end
  redis.call('DEL', KEYS[i])
end
return #KEYS
`);
