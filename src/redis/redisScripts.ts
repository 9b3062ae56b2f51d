/**
 * The Lua scripts behind `RedisStorage`. Redis runs a script as one atomic step, so a claim and
 * a write never interleave, and two instances claiming the same dead owner at once cannot both
 * get its events: the second finds them moved already.
 *
 * Layout under one namespace prefix `P` (all keys share its hash tag, so one cluster slot):
 * - `P:events`  hash: idempotency key → `{"event":…,"order":…}`
 * - `P:owner`   hash: idempotency key → owner id
 * - `P:owned:O` set: the keys owner `O` holds
 * - `P:owners`  set: the owners that hold at least one event
 * - `P:lease:O` string with a TTL: owner `O` is alive while it exists
 */

/**
 * Puts and deletes in one round trip.
 * KEYS: events, owner, owners. ARGV: owned-set prefix, put count n, n × (key, owner, payload),
 * then the keys to delete.
 */
export const writeScript = `
local ownedPrefix = ARGV[1]
local putCount = tonumber(ARGV[2])
local touched = {}
local index = 3
for _ = 1, putCount do
  local key, owner, payload = ARGV[index], ARGV[index + 1], ARGV[index + 2]
  index = index + 3
  local previous = redis.call('HGET', KEYS[2], key)
  if previous and previous ~= owner then
    redis.call('SREM', ownedPrefix .. previous, key)
    touched[previous] = true
  end
  redis.call('HSET', KEYS[1], key, payload)
  redis.call('HSET', KEYS[2], key, owner)
  redis.call('SADD', ownedPrefix .. owner, key)
  redis.call('SADD', KEYS[3], owner)
end
for position = index, #ARGV do
  local key = ARGV[position]
  local owner = redis.call('HGET', KEYS[2], key)
  if owner then
    redis.call('SREM', ownedPrefix .. owner, key)
    redis.call('HDEL', KEYS[2], key)
    touched[owner] = true
  end
  redis.call('HDEL', KEYS[1], key)
end
for owner in pairs(touched) do
  if redis.call('SCARD', ownedPrefix .. owner) == 0 then
    redis.call('SREM', KEYS[3], owner)
  end
end
return putCount
`

/**
 * Hands the events of gone owners to a new owner and returns them as key, payload pairs. An
 * owner whose lease still exists is skipped: the caller's view of who is gone may be stale.
 * KEYS: events, owner, owners. ARGV: owned-set prefix, lease prefix, new owner, gone owners….
 */
export const claimScript = `
local ownedPrefix, leasePrefix, newOwner = ARGV[1], ARGV[2], ARGV[3]
local claimed = {}
for position = 4, #ARGV do
  local from = ARGV[position]
  if from ~= newOwner and redis.call('EXISTS', leasePrefix .. from) == 0 then
    local fromOwned = ownedPrefix .. from
    local keys = redis.call('SMEMBERS', fromOwned)
    for _, key in ipairs(keys) do
      local payload = redis.call('HGET', KEYS[1], key)
      if payload then
        redis.call('HSET', KEYS[2], key, newOwner)
        redis.call('SADD', ownedPrefix .. newOwner, key)
        claimed[#claimed + 1] = key
        claimed[#claimed + 1] = payload
      end
    end
    redis.call('DEL', fromOwned)
    redis.call('SREM', KEYS[3], from)
  end
end
if #claimed > 0 then
  redis.call('SADD', KEYS[3], newOwner)
end
return claimed
`
