-- KEYS: the window's limit, its counts. ARGV: bucket, delta, now ms. A bucket that left the
-- window is not touched (its units no longer count); a bucket never goes below zero.
local def = redis.call('GET', KEYS[1])
if not def then return {0} end
local bucket, delta, now = int(ARGV[1]), int(ARGV[2]), int(ARGV[3])
local limit, windowMs, buckets, bucketMs = rate_limit(def)
local current, total, counts = advance(KEYS[2], now, bucketMs, buckets)
if bucket > current or bucket <= current - buckets then return {0} end
local next = (counts[bucket] or 0) + delta
if next < 0 then next = 0 end
redis.call('HSET', KEYS[2], fmt(bucket), fmt(next))
return {1}
