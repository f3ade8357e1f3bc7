-- KEYS: the holders of each scope. ARGV: holder. Gives the holder's slot back on each.
for i = 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
return {1}
