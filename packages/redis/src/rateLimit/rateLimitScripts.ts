import { luaScript } from '../connection/luaScript.js';

/**
 * One reservation from the global token bucket, on Redis's clock. The bucket may go below zero: each caller
 * takes the next slot in arrival order and is told how long to wait for it (0: start now), so waiters sleep
 * once instead of polling. KEYS[1] the bucket; ARGV[1] tokens per millisecond, ARGV[2] burst. Returns the wait
 * in whole milliseconds.
 */
export const reserveToken = luaScript(`
if redis.replicate_commands then redis.replicate_commands() end
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate)
  at = now
end
tokens = tokens - 1
local wait = 0
if tokens < 0 then wait = math.ceil(-tokens / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + wait + 1000)
return wait
`);

/** Gives back the slot of a waiter that left before its turn (never above the burst). KEYS[1]; ARGV[1] burst. */
export const refundToken = luaScript(`
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens'))
if tokens == nil then return 0 end
redis.call('HSET', KEYS[1], 'tokens', tostring(math.min(tonumber(ARGV[1]), tokens + 1)))
return 1
`);
