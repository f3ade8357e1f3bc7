-- KEYS: the scope's budget definition. ARGV: prefix, scope, now ms, then either 'none' or
-- 'budget', limit, soft, period, posted (the durable store's total for now's window). Teaches
-- Redis a scope it lost: a tombstone, or the definition and the window's posted total. A scope
-- learned meanwhile (another replica, a put) is left as it is.
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
keep_account(acct, endMs, now)
return {1}
