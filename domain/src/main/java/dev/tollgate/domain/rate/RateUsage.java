package dev.tollgate.domain.rate;

import java.time.Duration;

/** A rate window's state now: what {@code x-ratelimit-*} headers report. */
public record RateUsage(RateLimit limit, long used, long remaining, Duration resetAfter) {}
