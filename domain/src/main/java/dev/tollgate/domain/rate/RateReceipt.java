package dev.tollgate.domain.rate;

import dev.tollgate.domain.budget.Scope;
import java.time.Duration;

/**
 * Proof of what an admission counted where, so it can be corrected or undone later, with the
 * window's state right after counting (what {@code x-ratelimit-*} headers report).
 *
 * @param remaining what the window had left after this count
 * @param resetAfter when the oldest counted units leave the window
 */
public record RateReceipt(
    Scope scope,
    RateKind kind,
    long bucketIndex,
    long amount,
    long limit,
    long remaining,
    Duration resetAfter) {}
