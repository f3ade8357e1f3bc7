-- KEYS: per scope, its limit, its holders and its tombstone; ARGV: holder, expiry ms, now ms
-- (slots_take, steps.lua). {3, scope index} when a scope is in neither state (Redis lost it:
-- learn it first; nothing changed).
local unlearned = first_unlearned_triple(KEYS)
if unlearned > 0 then return {3, unlearned} end
return slots_take(KEYS, ARGV)
