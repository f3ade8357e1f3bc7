-- KEYS: per (scope, kind), its limit, its counts and its tombstone (no limit). ARGV: now ms, then
-- the amount for each (scope, kind) pair. Counts in every limited window or none. Answers
-- {3, pair index} when a pair is neither limited nor known to be unlimited (Redis lost it: learn
-- it first; nothing changed),
-- {1, then per counted pair: pair index, bucket, amount, limit, remaining, reset-after ms} or
-- {0, pair index, retry-after ms, used, limit, window ms, buckets} for the first full window.
local now = int(ARGV[1])
local out, counted = {1}, {}
local windows = #KEYS / 3
for p = 1, windows do
  if redis.call('EXISTS', KEYS[3 * p - 2]) == 0 and redis.call('EXISTS', KEYS[3 * p]) == 0 then
    return {3, p}
  end
end
for p = 1, windows do
  local def = redis.call('GET', KEYS[3 * p - 2])
  if def then
    local key = KEYS[3 * p - 1]
    local amount = int(ARGV[1 + p])
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
