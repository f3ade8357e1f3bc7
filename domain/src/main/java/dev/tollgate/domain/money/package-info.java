/**
 * Exact money. {@link dev.tollgate.domain.money.Money} is a whole number of nano-USD; nothing in
 * Tollgate counts money or tokens in a {@code double} or {@code float}.
 */
package dev.tollgate.domain.money;
