/**
 * Pricing: per-model prices per million tokens for every part of a usage, versioned by the instant
 * they take effect. Pure arithmetic over {@link dev.tollgate.domain.money.Money}.
 */
package dev.tollgate.domain.pricing;
