package dev.tollgate.adapter.redis;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.StoreRefusedException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A budget as the scripts read it: a hash of {@code limit} and {@code soft} (nano-USD, {@code -}
 * for none) and {@code period}, named as the scripts compute windows: {@code lifetime},
 * {@code daily}, {@code weekly}, {@code monthly} or {@code every:<days>:<anchor epoch day>}.
 */
final class BudgetDefinitions {

  static final String NO_SOFT_LIMIT = "-";

  /**
   * Scripts read integers as Lua doubles, exact below 2^53 nano-USD (about $9.007 million); a
   * budget or an amount beyond it is refused rather than rounded.
   */
  static final long MAX_EXACT_NANO_USD = (1L << 53) - 1;

  private BudgetDefinitions() {}

  static Map<String, String> encode(Budget budget) {
    requireExact(budget.limit());
    return Map.of(
        "limit", Long.toString(budget.limit().nanoUsd()),
        "soft", budget.softLimit().map(s -> Long.toString(s.nanoUsd())).orElse(NO_SOFT_LIMIT),
        "period", period(budget.period()));
  }

  static Budget decode(Scope scope, String limit, String soft, String period) {
    Optional<Money> softLimit = NO_SOFT_LIMIT.equals(soft)
        ? Optional.empty()
        : Optional.of(Money.ofNanoUsd(Long.parseLong(soft)));
    return new Budget(scope, Money.ofNanoUsd(Long.parseLong(limit)), period(period), softLimit);
  }

  static Money requireExact(Money amount) {
    if (Math.abs(amount.nanoUsd()) > MAX_EXACT_NANO_USD) {
      throw new StoreRefusedException(
          "the Redis budget store counts exactly up to " + MAX_EXACT_NANO_USD + " nano-USD: "
              + amount);
    }
    return amount;
  }

  private static String period(BudgetPeriod period) {
    return switch (period) {
      case BudgetPeriod.EveryDays e -> "every:" + e.days() + ":" + e.anchor().toEpochDay();
      default -> period.name();
    };
  }

  private static BudgetPeriod period(String name) {
    if (name.startsWith("every:")) {
      String[] parts = name.split(":");
      return BudgetPeriod.everyDays(
          Integer.parseInt(parts[1]), LocalDate.ofEpochDay(Long.parseLong(parts[2])));
    }
    return BudgetPeriod.named(name)
        .orElseThrow(() -> new IllegalStateException("unknown stored budget period: " + name));
  }
}
