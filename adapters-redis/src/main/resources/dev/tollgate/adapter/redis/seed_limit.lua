-- KEYS: a rate or slot limit's definition, its tombstone. ARGV: the definition, or '' for none.
-- Teaches Redis a limit it lost; one learned meanwhile (another replica, a put) is left as it is.
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return {0} end
if ARGV[1] == '' then redis.call('SET', KEYS[2], '1') else redis.call('SET', KEYS[1], ARGV[1]) end
return {1}
