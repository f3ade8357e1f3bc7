-- KEYS: the window's limit, its counts. ARGV: now ms. Answers {0} without a limit, else
-- {1, limit, window ms, buckets, used, reset-after ms}.
local def = redis.call('GET', KEYS[1])
if not def then return {0} end
local now = int(ARGV[1])
local limit, windowMs, buckets, bucketMs = rate_limit(def)
local current, total, counts = advance(KEYS[2], now, bucketMs, buckets)
return {1, limit, windowMs, buckets, total,
    until_room(counts, current, total, limit, 0, now, bucketMs, buckets)}
