-- Shared by every Tollgate script (prepended to each one). Redis runs Lua 5.1, whose numbers are
-- doubles: integers are exact only below 2^53, so every stored count or nano-USD amount is read
-- through int(), which refuses (an error reply, never a rounded value) anything at or beyond it.
-- Writes go through HINCRBY with '%d'-formatted integers, which Redis keeps as exact int64.
local MAX_EXACT = 9007199254740992
local DAY_MS = 86400000
-- How long ended budget windows and lapsed holds' records are kept.
local RETENTION_MS = 2 * DAY_MS
-- How long a settled hold id is remembered: the port promises at least a day, and there is one
-- per request, so no longer (about 100 bytes each).
local SETTLED_MS = DAY_MS + 3600000

local function int(s)
  if not s then return 0 end
  local n = tonumber(s)
  if n == nil then error('tollgate: not an integer: ' .. tostring(s)) end
  if n >= MAX_EXACT or n <= -MAX_EXACT then
    error('tollgate: ' .. tostring(s) .. ' is beyond exact integer range (2^53)')
  end
  return n
end

local function fmt(n)
  return string.format('%d', n)
end

local function split(s, sep)
  local out = {}
  if not s or s == '' then return out end
  for part in string.gmatch(s, '[^' .. sep .. ']+') do table.insert(out, part) end
  return out
end

-- Sets the key's time to live to at least ttlMs (relative, so the caller's clock does not matter).
local function keep_for(key, ttlMs)
  if ttlMs < 1000 then ttlMs = 1000 end
  local current = redis.call('PTTL', key)
  if current >= 0 and current >= ttlMs then return end
  redis.call('PEXPIRE', key, fmt(ttlMs))
end

-- Hinnant's civil calendar algorithms: days since 1970-01-01 <-> (year, month, day), UTC.
local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = math.floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

local function civil_from_days(z)
  z = z + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524)
      - math.floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return y, m
end

-- The budget window nowMs falls in, as BudgetPeriod computes it: a tag naming the account
-- ('life', or the first UTC day of the window) and its end in epoch ms (nil for lifetime).
local function window(period, nowMs)
  if period == 'lifetime' then return 'life', nil end
  local day = math.floor(nowMs / DAY_MS)
  local s, e
  if period == 'daily' then
    s, e = day, day + 1
  elseif period == 'weekly' then
    s = day - ((day - 4) % 7) -- 1970-01-05 (day 4) was a Monday
    e = s + 7
  elseif period == 'monthly' then
    local y, m = civil_from_days(day)
    s = days_from_civil(y, m, 1)
    if m == 12 then e = days_from_civil(y + 1, 1, 1) else e = days_from_civil(y, m + 1, 1) end
  else
    local n, anchor = string.match(period, '^every:(%d+):(-?%d+)$')
    if not n then error('tollgate: unknown budget period ' .. tostring(period)) end
    n, anchor = tonumber(n), tonumber(anchor)
    s = anchor + math.floor((day - anchor) / n) * n
    e = s + n
  end
  return fmt(s), e * DAY_MS
end

local function account_key(prefix, tag, scope)
  return prefix .. ':budget:acct:' .. tag .. ':' .. scope
end

-- An account is a hash (posted, held, h:<hold id> -> amount) and a sorted set of its holds by
-- expiry (<account>:exp). Drops the holds due at or before nowMs; answers how many.
local function expire_account(acct, nowMs)
  local due = redis.call('ZRANGEBYSCORE', acct .. ':exp', '-inf', fmt(nowMs))
  for _, id in ipairs(due) do
    local amount = redis.call('HGET', acct, 'h:' .. id)
    if amount then
      redis.call('HDEL', acct, 'h:' .. id)
      redis.call('HINCRBY', acct, 'held', fmt(-int(amount)))
    end
  end
  if #due > 0 then redis.call('ZREMRANGEBYSCORE', acct .. ':exp', '-inf', fmt(nowMs)) end
  return #due
end

-- Keeps an account (and its expiry set) until its window has ended and RETENTION has passed;
-- lifetime accounts are kept.
local function keep_account(acct, endMs, nowMs)
  if endMs == nil then
    redis.call('PERSIST', acct)
    return
  end
  local ttl = endMs - nowMs
  if ttl < 0 then ttl = 0 end
  keep_for(acct, ttl + RETENTION_MS)
  keep_for(acct .. ':exp', ttl + RETENTION_MS)
end

-- Gives one hold back on every account it was placed on. 1 if it existed, else 0.
local function release_hold(prefix, id)
  local key = prefix .. ':budget:hold:' .. id
  local accts = redis.call('HGET', key, 'accts')
  if not accts then return 0 end
  for _, line in ipairs(split(accts, '\n')) do
    local acct = split(line, '\t')[2]
    local amount = redis.call('HGET', acct, 'h:' .. id)
    if amount then
      redis.call('HDEL', acct, 'h:' .. id)
      redis.call('HINCRBY', acct, 'held', fmt(-int(amount)))
      redis.call('ZREM', acct .. ':exp', id)
    end
  end
  redis.call('DEL', key)
  redis.call('ZREM', prefix .. ':budget:expiries', id)
  return 1
end

-- Over the (definition, account) lines of a hold: the least any budget has left (-1 if none) and
-- whether posted spend on any has reached its soft limit (1 or 0).
local function summarize(lines)
  local tightest, past = -1, 0
  for _, line in ipairs(lines) do
    local parts = split(line, '\t')
    local def = redis.call('HMGET', parts[1], 'limit', 'soft')
    if def[1] then
      local st = redis.call('HMGET', parts[2], 'posted', 'held')
      local posted = int(st[1])
      local left = int(def[1]) - posted - int(st[2])
      if left < 0 then left = 0 end
      if tightest < 0 or left < tightest then tightest = left end
      if def[2] ~= '-' and posted >= int(def[2]) then past = 1 end
    end
  end
  return tightest, past
end

-- A scope's budget is known to Redis when it has a definition or a tombstone saying it has none;
-- after Redis lost its data neither is there, and the scope must be learned again (seeded from
-- the durable store) before Redis is trusted with it. Answers the first unlearned scope's index
-- among K (definitions; scopes in A from scopeOffset + 1), or 0.
local function unlearned_budget_in(K, A, prefix, scopeOffset)
  for i = 1, #K do
    if redis.call('EXISTS', K[i]) == 0
        and redis.call('EXISTS', prefix .. ':budget:none:' .. A[scopeOffset + i]) == 0 then
      return i
    end
  end
  return 0
end

-- The same over this script's own KEYS and ARGV.
local function first_unlearned_budget(prefix, scopeOffset)
  return unlearned_budget_in(KEYS, ARGV, prefix, scopeOffset)
end
