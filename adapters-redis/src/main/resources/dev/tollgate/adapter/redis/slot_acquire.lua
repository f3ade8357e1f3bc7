-- KEYS: per scope, its limit, its holders (a sorted set by expiry ms) and its tombstone (no
-- limit); {3, scope index} when a scope is in neither state (Redis lost it: learn it first). ARGV: holder,
-- expiry ms, now ms. Takes one slot per limited scope or none: answers {1, limited scope
-- indexes...} or {0, scope index, limit} for the first busy scope. A slot the holder already
-- had stays taken either way.
local holder, expires, now = ARGV[1], int(ARGV[2]), int(ARGV[3])
local out, taken = {1}, {}
local scopes = #KEYS / 3
for s = 1, scopes do
  if redis.call('EXISTS', KEYS[3 * s - 2]) == 0 and redis.call('EXISTS', KEYS[3 * s]) == 0 then
    return {3, s}
  end
end
for s = 1, scopes do
  local def = redis.call('GET', KEYS[3 * s - 2])
  if def then
    local key = KEYS[3 * s - 1]
    local limit = int(def)
    redis.call('ZREMRANGEBYSCORE', key, '-inf', fmt(now)) -- lapsed at their expiry
    if not redis.call('ZSCORE', key, holder) then
      if redis.call('ZCARD', key) >= limit then
        for _, k in ipairs(taken) do redis.call('ZREM', k, holder) end
        return {0, s, limit}
      end
      redis.call('ZADD', key, fmt(expires), holder)
      keep_for(key, expires - now)
      table.insert(taken, key)
    end
    table.insert(out, s)
  end
end
return out
