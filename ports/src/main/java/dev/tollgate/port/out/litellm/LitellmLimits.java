package dev.tollgate.port.out.litellm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * LiteLLM's budget and rate columns of one object (its own, or its {@code LiteLLM_BudgetTable}
 * row): dollars as exact decimals, {@code budget_duration} as LiteLLM wrote it ({@code 30d},
 * {@code 1mo}, …), and when LiteLLM would next reset the spend.
 */
public record LitellmLimits(
    Optional<BigDecimal> maxBudget,
    Optional<BigDecimal> softBudget,
    Optional<String> budgetDuration,
    Optional<Instant> budgetResetAt,
    OptionalLong tpm,
    OptionalLong rpm,
    OptionalLong maxParallelRequests) {

  public static final LitellmLimits NONE = new LitellmLimits(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
      OptionalLong.empty());

  public LitellmLimits {
    if (maxBudget == null || softBudget == null || budgetDuration == null || budgetResetAt == null
        || tpm == null || rpm == null || maxParallelRequests == null) {
      throw new IllegalArgumentException("every field is required (possibly empty)");
    }
  }

  public static LitellmLimits budget(String maxBudgetUsd, String duration, Instant resetAt) {
    return new LitellmLimits(Optional.of(new BigDecimal(maxBudgetUsd)), Optional.empty(),
        Optional.ofNullable(duration), Optional.ofNullable(resetAt), OptionalLong.empty(),
        OptionalLong.empty(), OptionalLong.empty());
  }
}
