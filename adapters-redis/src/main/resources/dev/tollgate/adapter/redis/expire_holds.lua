-- ARGV: prefix, now ms, batch size. Drops at most one batch of holds due at or before now.
-- Answers {accounts changed, holds dropped}; a full batch means there may be more.
local prefix, now, batch = ARGV[1], int(ARGV[2]), ARGV[3]
local due = redis.call('ZRANGEBYSCORE', prefix .. ':budget:expiries', '-inf', fmt(now),
    'LIMIT', '0', batch)
local changed = 0
for _, id in ipairs(due) do
  local key = prefix .. ':budget:hold:' .. id
  for _, line in ipairs(split(redis.call('HGET', key, 'accts'), '\n')) do
    if expire_account(split(line, '\t')[2], now) > 0 then changed = changed + 1 end
  end
  redis.call('DEL', key)
  redis.call('ZREM', prefix .. ':budget:expiries', id)
end
return {changed, #due}
