-- KEYS: the holders of each scope. ARGV: holder. Gives the holder's slot back on each.
return slots_give_back(KEYS, ARGV[1])
