-- KEYS: the window's limit, its counts. ARGV: bucket, delta, now ms (rate_correct, steps.lua).
return rate_correct(KEYS, ARGV)
