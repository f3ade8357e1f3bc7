-- KEYS: the epoch key. ARGV: a fresh random id. Answers {epoch, now ms}: the epoch, written now
-- as '<id>@<ms>' (Redis's own clock) if Redis has none (it restarted empty, or is new), so every
-- replica can tell how long ago the epoch began from the same clock.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[1] .. '@' .. string.format('%d', now)
  redis.call('SET', KEYS[1], epoch)
end
return {epoch, string.format('%d', now)}
