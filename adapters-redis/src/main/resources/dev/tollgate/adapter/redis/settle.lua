-- One settlement: hold_settle (steps.lua) over this script's KEYS and ARGV.
return hold_settle(KEYS, ARGV)
