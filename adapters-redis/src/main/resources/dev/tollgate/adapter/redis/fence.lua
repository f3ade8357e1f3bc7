-- The epoch fence, prepended to every script: the caller appends the epoch key to KEYS and the
-- epoch it last saw to ARGV, and the script runs only if Redis still has that epoch. A Redis that
-- restarted empty has none (or a new one), so a replica that has not yet noticed the restart (and
-- placed its running requests' holds on it again) is refused with an outage reply instead of
-- admitting against the empty budget (docs/economics.md, "Redis mode").
local FENCE_EPOCH = table.remove(ARGV)
local FENCE_KEY = table.remove(KEYS)
if redis.call('GET', FENCE_KEY) ~= FENCE_EPOCH then
  return redis.error_reply('FENCED Redis epoch changed (restarted empty?); expected ' .. FENCE_EPOCH)
end
