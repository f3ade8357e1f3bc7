-- The request path's steps, each a function over its own keys and arguments (K, A), so that one
-- script runs one step (slot_acquire.lua ... settle.lua) or several in one round trip (admit.lua,
-- finish.lua). Prepended to every script after common.lua and rate_common.lua.

-- K[from .. from + count - 1] as a table of its own.
local function slice(t, from, count)
  local out = {}
  for i = from, from + count - 1 do out[#out + 1] = t[i] end
  return out
end

-- K: per scope (or window) its limit, its state and its tombstone (no limit). The first whose
-- limit and tombstone are both missing (Redis lost it: learn it first), or 0.
local function first_unlearned_triple(K)
  for i = 1, #K / 3 do
    if redis.call('EXISTS', K[3 * i - 2]) == 0 and redis.call('EXISTS', K[3 * i]) == 0 then
      return i
    end
  end
  return 0
end

-- K: per scope its limit, its holders (a sorted set by expiry ms), its tombstone. A: holder,
-- expiry ms, now ms. Takes one slot per limited scope or none: {1, limited scope indexes...} or
-- {0, scope index, limit} for the first busy scope. A slot the holder already had stays taken.
local function slots_take(K, A)
  local holder, expires, now = A[1], int(A[2]), int(A[3])
  local out, taken = {1}, {}
  for s = 1, #K / 3 do
    local def = redis.call('GET', K[3 * s - 2])
    if def then
      local key = K[3 * s - 1]
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
end

-- K: the holders of each scope. Gives the holder's slot back on each.
local function slots_give_back(K, holder)
  for i = 1, #K do redis.call('ZREM', K[i], holder) end
  return {1}
end

-- K: per (scope, kind), its limit, its counts, its tombstone. A: now ms, then the amount for each
-- pair. Counts in every limited window or none: {1, then per counted pair: pair index, bucket,
-- amount, limit, remaining, reset-after ms} or {0, pair index, retry-after ms, used, limit,
-- window ms, buckets} for the first full window.
local function rates_count(K, A)
  local now = int(A[1])
  local out, counted = {1}, {}
  for p = 1, #K / 3 do
    local def = redis.call('GET', K[3 * p - 2])
    if def then
      local key = K[3 * p - 1]
      local amount = int(A[1 + p])
      local limit, windowMs, buckets, bucketMs = rate_limit(def)
      local current, total, counts = advance(key, now, bucketMs, buckets)
      if amount > limit or total + amount > limit then
        local retry = windowMs
        if amount <= limit then
          retry = until_room(counts, current, total, limit, amount, now, bucketMs, buckets)
        end
        for _, c in ipairs(counted) do
          redis.call('HINCRBY', c[1], fmt(c[2]), fmt(-c[3]))
        end
        return {0, p, retry, total, limit, windowMs, buckets}
      end
      redis.call('HINCRBY', key, fmt(current), fmt(amount))
      counts[current] = (counts[current] or 0) + amount
      total = total + amount
      table.insert(counted, {key, current, amount})
      local reset = until_room(counts, current, total, limit, 0, now, bucketMs, buckets)
      for _, v in ipairs({p, current, amount, limit, math.max(limit - total, 0), reset}) do
        table.insert(out, v)
      end
    end
  end
  return out
end

-- K: the window's limit, its counts. A: bucket, delta, now ms. A bucket that left the window is
-- not touched (its units no longer count); a bucket never goes below zero.
local function rate_correct(K, A)
  local def = redis.call('GET', K[1])
  if not def then return {0} end
  local bucket, delta, now = int(A[1]), int(A[2]), int(A[3])
  local _, _, buckets, bucketMs = rate_limit(def)
  local current, _, counts = advance(K[2], now, bucketMs, buckets)
  if bucket > current or bucket <= current - buckets then return {0} end
  local next = (counts[bucket] or 0) + delta
  if next < 0 then next = 0 end
  redis.call('HSET', K[2], fmt(bucket), fmt(next))
  return {1}
end

-- KEYS: budget definition per scope. ARGV: prefix, hold id, amount, now ms, expiry ms,
-- then one scope storage key per KEYS entry, then the ids of the holds this one replaces.
-- Answers {1, tightest remaining or -1, past soft limit 0/1} when held (or already held),
-- {2, existing amount} on a conflicting retry, and
-- {0, scope index, available, held by others, limit, soft, period} when refused, and
-- {3, scope index} when a scope must be learned first (nothing changed).
local function hold_place(K, A)
  local prefix, id = A[1], A[2]
  local amount, now, expires = int(A[3]), int(A[4]), int(A[5])
  local n = #K
  local holdKey = prefix .. ':budget:hold:' .. id

  local existing = redis.call('HMGET', holdKey, 'amount', 'exp', 'accts')
  if existing[1] and int(existing[2]) > now then
    if int(existing[1]) ~= amount then return {2, existing[1]} end
    local tightest, past = summarize(split(existing[3], '\n'))
    return {1, tightest, past}
  end

  local unlearned = unlearned_budget_in(K, A, prefix, 5)
  if unlearned > 0 then return {3, unlearned} end

  local replacing = {}
  for i = 6 + n, #A do table.insert(replacing, A[i]) end

  local plan = {}
  for i = 1, n do
    local def = redis.call('HMGET', K[i], 'limit', 'soft', 'period')
    if def[1] then
      local tag, endMs = window(def[3], now)
      local acct = account_key(prefix, tag, A[5 + i])
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
      table.insert(plan, {K[i], acct, endMs})
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
end

-- KEYS: budget definition per scope. ARGV: prefix, hold id, held-at ms, actual cost, now ms,
-- then one scope storage key per KEYS entry. Answers {first settlement?, encoded results}: one
-- line per budgeted scope, "scope\tposted\treleased\toverage\tmissing\tcrossed". A hold settled
-- before answers its first settlement again and posts nothing. {3, scope index}: a scope must be
-- learned first (nothing changed).
local function hold_settle(K, A)
  local prefix, id = A[1], A[2]
  local heldAt, actual, now = int(A[3]), int(A[4]), int(A[5])
  local settledKey = prefix .. ':budget:settled:' .. id

  local done = redis.call('GET', settledKey)
  if done then return {0, done} end

  local unlearned = unlearned_budget_in(K, A, prefix, 5)
  if unlearned > 0 then return {3, unlearned} end

  redis.call('DEL', prefix .. ':budget:hold:' .. id)
  redis.call('ZREM', prefix .. ':budget:expiries', id)

  local out = {}
  for i = 1, #K do
    local def = redis.call('HMGET', K[i], 'limit', 'soft', 'period')
    if def[1] then
      local scope = A[5 + i]
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
end
