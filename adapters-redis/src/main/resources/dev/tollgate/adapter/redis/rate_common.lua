-- A rate window, as domain RateWindow counts it: a hash of bucket index -> count, plus 'n', the
-- newest bucket seen (a caller whose clock is behind counts in it, so no bucket is missed).
-- The limit is "limit:windowMs:buckets". Prepended to each rate script after common.lua.
local function rate_limit(def)
  local parts = split(def, ':')
  local limit, windowMs, buckets = int(parts[1]), int(parts[2]), int(parts[3])
  return limit, windowMs, buckets, windowMs / buckets
end

-- Moves the window to nowMs: drops buckets that left it. Answers the current bucket, the total
-- counted in the window and the counts by bucket.
local function advance(key, nowMs, bucketMs, buckets)
  local flat = redis.call('HGETALL', key)
  local current = math.floor(nowMs / bucketMs)
  local counts, stale = {}, {}
  for i = 1, #flat, 2 do
    if flat[i] == 'n' then
      local newest = int(flat[i + 1])
      if newest > current then current = newest end
    end
  end
  local total = 0
  for i = 1, #flat, 2 do
    if flat[i] ~= 'n' then
      local b = int(flat[i])
      if b <= current - buckets or b > current then
        table.insert(stale, flat[i])
      else
        local c = int(flat[i + 1])
        counts[b] = c
        total = total + c
      end
    end
  end
  if #stale > 0 then redis.call('HDEL', key, unpack(stale)) end
  redis.call('HSET', key, 'n', fmt(current))
  keep_for(key, 2 * buckets * bucketMs) -- idle for a whole window, every count is stale
  return current, total, counts
end

-- Time until the first bucket from the oldest for which freeing it (and all before) leaves
-- room for need more units; the whole window if none does. need = 0 answers reset-after:
-- the oldest non-empty bucket's departure, or 0 when the window is empty.
local function until_room(counts, current, total, limit, need, nowMs, bucketMs, buckets)
  local freed = 0
  for b = current - buckets + 1, current do
    local c = counts[b] or 0
    freed = freed + c
    local leaves = (b + buckets) * bucketMs - nowMs
    if leaves < 1 then leaves = 1 end
    if need == 0 then
      if c > 0 then return leaves end
    elseif total - freed + need <= limit then
      return leaves
    end
  end
  if need == 0 then return 0 end
  return buckets * bucketMs
end
