-- ARGV: prefix, hold id. Answers 1 if the hold existed (it is now given back everywhere), else 0.
return {release_hold(ARGV[1], ARGV[2])}
