-- KEYS: per (scope, kind), its limit, its counts and its tombstone; ARGV: now ms, then the
-- amount for each pair (rates_count, steps.lua). {3, pair index} when a pair is neither limited
-- nor known to be unlimited (Redis lost it: learn it first; nothing changed).
local unlearned = first_unlearned_triple(KEYS)
if unlearned > 0 then return {3, unlearned} end
return rates_count(KEYS, ARGV)
