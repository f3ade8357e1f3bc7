-- One hold: hold_place (steps.lua) over this script's KEYS and ARGV.
return hold_place(KEYS, ARGV)
