package dev.tollgate.domain.rate;

import dev.tollgate.domain.budget.Scope;

/** Proof of what an admission counted where, so it can be corrected or undone later. */
public record RateReceipt(Scope scope, RateKind kind, long bucketIndex, long amount) {}
