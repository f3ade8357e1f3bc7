-- Admission's three steps in one round trip (AdmissionStore.take): a slot on every limited scope,
-- a count in every limited window, then the budget hold, each as its own script does it
-- (steps.lua), a later step only when the earlier one took; nothing is given back here (the
-- caller decides, as after the single scripts). KEYS: the slot keys, the window keys, the budget
-- definitions. ARGV: how many keys each step has (3 numbers), how many arguments (3 numbers),
-- then each step's arguments. Answers {3, step, index} when a scope must be learned first
-- (nothing changed; step 1 slots, 2 windows, 3 budgets), else {1, slot reply[, window reply[,
-- hold reply]]}.
local nk1, nk2, nk3 = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local na1, na2, na3 = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local Ks, Kr, Kb = slice(KEYS, 1, nk1), slice(KEYS, 1 + nk1, nk2), slice(KEYS, 1 + nk1 + nk2, nk3)
local As = slice(ARGV, 7, na1)
local Ar = slice(ARGV, 7 + na1, na2)
local Ab = slice(ARGV, 7 + na1 + na2, na3)
local unlearned = first_unlearned_triple(Ks)
if unlearned > 0 then return {3, 1, unlearned} end
unlearned = first_unlearned_triple(Kr)
if unlearned > 0 then return {3, 2, unlearned} end
unlearned = unlearned_budget_in(Kb, Ab, Ab[1], 5)
if unlearned > 0 then return {3, 3, unlearned} end
local slot = slots_take(Ks, As)
if slot[1] == 0 then return {1, slot} end
local rate = rates_count(Kr, Ar)
if rate[1] == 0 then return {1, slot, rate} end
return {1, slot, rate, hold_place(Kb, Ab)}
