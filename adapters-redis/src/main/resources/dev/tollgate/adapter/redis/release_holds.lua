-- ARGV: prefix, MATCH pattern, cursor, count. One ZSCAN page of the hold index: gives back every
-- hold whose id matches, everywhere. Answers {next cursor, holds released}; cursor 0 means done.
-- ZSCAN returns every member present for the whole scan, so releases between pages lose none.
local page = redis.call('ZSCAN', ARGV[1] .. ':budget:expiries', ARGV[3], 'MATCH', ARGV[2],
    'COUNT', ARGV[4])
local released = 0
local items = page[2]
for i = 1, #items, 2 do
  released = released + release_hold(ARGV[1], items[i])
end
return {page[1], released}
