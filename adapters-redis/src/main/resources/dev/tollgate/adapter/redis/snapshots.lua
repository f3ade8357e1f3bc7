-- KEYS: budget definition per scope. ARGV: prefix, now ms, then one scope storage key per KEYS
-- entry. Answers, per scope, {0} without a budget or {1, limit, soft, period, posted, held};
-- or {{3, scope index}} when a scope must be learned first.
local prefix, now = ARGV[1], int(ARGV[2])
local unlearned = first_unlearned_budget(prefix, 2)
if unlearned > 0 then return {{3, unlearned}} end
local out = {}
for i = 1, #KEYS do
  local def = redis.call('HMGET', KEYS[i], 'limit', 'soft', 'period')
  if def[1] then
    local tag = window(def[3], now)
    local acct = account_key(prefix, tag, ARGV[2 + i])
    expire_account(acct, now)
    local st = redis.call('HMGET', acct, 'posted', 'held')
    table.insert(out, {1, def[1], def[2], def[3], fmt(int(st[1])), fmt(int(st[2]))})
  else
    table.insert(out, {0})
  end
end
return out
