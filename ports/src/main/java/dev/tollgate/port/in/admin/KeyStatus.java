package dev.tollgate.port.in.admin;

import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.ledger.SpendTotal;
import java.util.List;

/**
 * What a key's holder asks first: the key, the limits that apply to it (its own, its team's, its
 * tenant's, each with current use) and its spend in {@code period} (its own budget's window, or
 * the UTC calendar month when it has none).
 */
public record KeyStatus(
    VirtualKey key, List<ScopeLimits> limits, PeriodWindow period, SpendTotal spend) {}
