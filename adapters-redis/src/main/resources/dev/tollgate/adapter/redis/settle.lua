-- KEYS: budget definition per scope. ARGV: prefix, hold id, held-at ms, actual cost, now ms,
-- then one scope storage key per KEYS entry. Answers {first settlement?, encoded results}: one
-- line per budgeted scope, "scope\tposted\treleased\toverage\tmissing\tcrossed". A hold settled
-- before answers its first settlement again and posts nothing. {3, scope index}: a scope must be
-- learned first (nothing changed).
local prefix, id = ARGV[1], ARGV[2]
local heldAt, actual, now = int(ARGV[3]), int(ARGV[4]), int(ARGV[5])
local settledKey = prefix .. ':budget:settled:' .. id

local done = redis.call('GET', settledKey)
if done then return {0, done} end

local unlearned = first_unlearned_budget(prefix, 5)
if unlearned > 0 then return {3, unlearned} end

redis.call('DEL', prefix .. ':budget:hold:' .. id)
redis.call('ZREM', prefix .. ':budget:expiries', id)

local out = {}
for i = 1, #KEYS do
  local def = redis.call('HMGET', KEYS[i], 'limit', 'soft', 'period')
  if def[1] then
    local scope = ARGV[5 + i]
    local tag, endMs = window(def[3], heldAt)
    local acct = account_key(prefix, tag, scope)
    expire_account(acct, now) -- a hold past its expiry is gone even if no sweep has run
    local holdAmount, missing = 0, 1
    local a = redis.call('HGET', acct, 'h:' .. id)
    if a then
      holdAmount, missing = int(a), 0
      redis.call('HDEL', acct, 'h:' .. id)
      redis.call('HINCRBY', acct, 'held', fmt(-holdAmount))
      redis.call('ZREM', acct .. ':exp', id)
    end
    local posted = int(redis.call('HGET', acct, 'posted'))
    int(posted + actual) -- refuses a total beyond exact range before anything is written
    redis.call('HINCRBY', acct, 'posted', fmt(actual))
    local crossed = 0
    if def[2] ~= '-' then
      local soft = int(def[2])
      if posted < soft and posted + actual >= soft then crossed = 1 end
    end
    keep_account(acct, endMs, now)
    local released, overage = holdAmount - actual, actual - holdAmount
    if released < 0 then released = 0 end
    if overage < 0 then overage = 0 end
    table.insert(out, table.concat(
        {scope, fmt(actual), fmt(released), fmt(overage), missing, crossed}, '\t'))
  end
end
local encoded = table.concat(out, '\n')
redis.call('SET', settledKey, encoded, 'PX', fmt(SETTLED_MS))
return {1, encoded}
