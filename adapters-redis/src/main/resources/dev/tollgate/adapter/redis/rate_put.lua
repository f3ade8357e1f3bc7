-- KEYS: the window's limit, its counts, its tombstone (removed: the scope has a limit now). ARGV: the new limit "limit:windowMs:buckets". Counts
-- are kept when the buckets keep their shape, and start over when it changes.
local old = redis.call('GET', KEYS[1])
if old then
  local _, _, oldBuckets, oldBucketMs = rate_limit(old)
  local _, _, buckets, bucketMs = rate_limit(ARGV[1])
  if oldBuckets ~= buckets or oldBucketMs ~= bucketMs then redis.call('DEL', KEYS[2]) end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[3])
return {1}
