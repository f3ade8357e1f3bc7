-- KEYS: budget definition per scope. ARGV: prefix, hold id, amount, now ms, expiry ms,
-- then one scope storage key per KEYS entry, then the ids of the holds this one replaces.
-- Answers {1, tightest remaining or -1, past soft limit 0/1} when held (or already held),
-- {2, existing amount} on a conflicting retry, and
-- {0, scope index, available, held by others, limit, soft, period} when refused, and
-- {3, scope index} when a scope must be learned first (nothing changed).
local prefix, id = ARGV[1], ARGV[2]
local amount, now, expires = int(ARGV[3]), int(ARGV[4]), int(ARGV[5])
local n = #KEYS
local holdKey = prefix .. ':budget:hold:' .. id

local existing = redis.call('HMGET', holdKey, 'amount', 'exp', 'accts')
if existing[1] and int(existing[2]) > now then
  if int(existing[1]) ~= amount then return {2, existing[1]} end
  local tightest, past = summarize(split(existing[3], '\n'))
  return {1, tightest, past}
end

local unlearned = first_unlearned_budget(prefix, 5)
if unlearned > 0 then return {3, unlearned} end

local replacing = {}
for i = 6 + n, #ARGV do table.insert(replacing, ARGV[i]) end

local plan = {}
for i = 1, n do
  local def = redis.call('HMGET', KEYS[i], 'limit', 'soft', 'period')
  if def[1] then
    local tag, endMs = window(def[3], now)
    local acct = account_key(prefix, tag, ARGV[5 + i])
    expire_account(acct, now)
    local st = redis.call('HMGET', acct, 'posted', 'held')
    local held = int(st[2])
    local replaced = 0
    for _, rid in ipairs(replacing) do
      local live = redis.call('HGET', prefix .. ':budget:hold:' .. rid, 'exp')
      if live and int(live) > now then
        replaced = replaced + int(redis.call('HGET', acct, 'h:' .. rid))
      end
    end
    local available = int(def[1]) - int(st[1]) - held + replaced
    if amount > available then
      if available < 0 then available = 0 end
      return {0, i, available, held - replaced, def[1], def[2], def[3]}
    end
    table.insert(plan, {KEYS[i], acct, endMs})
  end
end

for _, rid in ipairs(replacing) do release_hold(prefix, rid) end

local lines = {}
for _, p in ipairs(plan) do
  local acct = p[2]
  redis.call('HSET', acct, 'h:' .. id, fmt(amount))
  redis.call('HINCRBY', acct, 'held', fmt(amount))
  redis.call('ZADD', acct .. ':exp', fmt(expires), id)
  keep_account(acct, p[3], now)
  table.insert(lines, p[1] .. '\t' .. acct)
end
redis.call('DEL', holdKey)
redis.call('HSET', holdKey, 'amount', fmt(amount), 'exp', fmt(expires),
    'accts', table.concat(lines, '\n'))
keep_for(holdKey, expires - now + RETENTION_MS)
redis.call('ZADD', prefix .. ':budget:expiries', fmt(expires), id)
local tightest, past = summarize(lines)
return {1, tightest, past}
