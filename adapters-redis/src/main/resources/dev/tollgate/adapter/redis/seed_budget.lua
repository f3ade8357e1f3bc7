-- KEYS: the scope's budget definition. ARGV: prefix, scope, now ms, then either 'none' or
-- 'budget', limit, soft, period, posted and held (the durable store's totals for now's window),
-- and how long that held amount stays held (ms). Teaches Redis a scope it lost: a tombstone, or
-- the definition, the window's posted total and one hold ('learned:<scope>:<now>') of what the
-- durable store held. A scope learned meanwhile (another replica, a put) is left as it is.
local prefix, scope, now = ARGV[1], ARGV[2], int(ARGV[3])
local none = prefix .. ':budget:none:' .. scope
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', none) == 1 then return {0} end
if ARGV[4] == 'none' then
  redis.call('SET', none, '1')
  return {1}
end
redis.call('HSET', KEYS[1], 'limit', ARGV[5], 'soft', ARGV[6], 'period', ARGV[7])
local tag, endMs = window(ARGV[7], now)
local acct = account_key(prefix, tag, scope)
redis.call('HSETNX', acct, 'posted', fmt(int(ARGV[8])))
local held, ttl = int(ARGV[9]), int(ARGV[10])
if held > 0 and ttl > 0 then
  local id = 'learned:' .. scope .. ':' .. fmt(now)
  local expires = now + ttl
  redis.call('HSET', acct, 'h:' .. id, fmt(held))
  redis.call('HINCRBY', acct, 'held', fmt(held))
  redis.call('ZADD', acct .. ':exp', fmt(expires), id)
  local holdKey = prefix .. ':budget:hold:' .. id
  redis.call('HSET', holdKey, 'amount', fmt(held), 'exp', fmt(expires),
      'accts', KEYS[1] .. '\t' .. acct)
  keep_for(holdKey, ttl + RETENTION_MS)
  redis.call('ZADD', prefix .. ':budget:expiries', fmt(expires), id)
end
keep_account(acct, endMs, now)
return {1}
