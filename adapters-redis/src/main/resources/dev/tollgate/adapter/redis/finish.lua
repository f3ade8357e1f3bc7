-- A request's end in one round trip (AdmissionStore.finish): the hold settled (as settle.lua) or
-- released (as release_hold.lua), then each token window corrected (as rate_adjust.lua), then
-- the holder's slots given back (as slot_release.lua). KEYS: the budget definitions (a
-- settlement's), two keys per correction (the window's limit and counts), the slots' holder
-- sets. ARGV: 'settle' or 'release', how many budget keys, corrections and slot keys, how many
-- arguments the settlement or release has, those arguments (settle.lua's, or prefix and hold
-- id), bucket and delta per correction, now ms, the holder. Answers {3, scope index} when a
-- budget must be learned first (nothing changed), else {1, settle.lua's answer} or {1, {1 if the
-- hold existed, else 0}}.
local nb, nc, ns = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local na = tonumber(ARGV[5])
local Ab = slice(ARGV, 6, na)
local first
if ARGV[1] == 'settle' then
  first = hold_settle(slice(KEYS, 1, nb), Ab)
  if first[1] == 3 then return first end
else
  first = {release_hold(Ab[1], Ab[2])}
end
local at = 6 + na
local now = ARGV[at + 2 * nc]
for c = 1, nc do
  rate_correct({KEYS[nb + 2 * c - 1], KEYS[nb + 2 * c]},
      {ARGV[at + 2 * c - 2], ARGV[at + 2 * c - 1], now})
end
slots_give_back(slice(KEYS, nb + 2 * nc + 1, ns), ARGV[at + 2 * nc + 1])
return {1, first}
