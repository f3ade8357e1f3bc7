package dev.tollgate.domain.budget;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A named, reusable set of limits inside one tenant: LiteLLM's budget row ({@code budget_id}),
 * which keys and customers name instead of carrying limits of their own. It is not a budget by
 * itself: it is applied, as ordinary budget and limits, to each scope that names it, and applied
 * again to all of them when it changes. An absent field is no limit of that kind.
 *
 * @param id the name the scopes refer to it by (at most {@link #MAX_ID_LENGTH} printable ASCII)
 * @param duration LiteLLM's {@code budget_duration} as given ({@code 30d}, {@code 1mo}); empty:
 *     a lifetime budget
 * @param createdAt also the anchor of an every-N-days period, so re-applying never shifts windows
 */
public record BudgetTemplate(
    TenantId tenant,
    String id,
    Optional<Money> maxBudget,
    Optional<Money> softBudget,
    OptionalLong rpm,
    OptionalLong tpm,
    OptionalInt maxParallel,
    Optional<String> duration,
    Instant createdAt) {

  public static final int MAX_ID_LENGTH = 128;

  public BudgetTemplate {
    if (tenant == null || id == null || maxBudget == null || softBudget == null || rpm == null
        || tpm == null || maxParallel == null || duration == null || createdAt == null) {
      throw new IllegalArgumentException("every field is required (empty when unset)");
    }
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH
        || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "a budget id is 1.." + MAX_ID_LENGTH + " printable ASCII characters without spaces");
    }
    if (softBudget.isPresent() && maxBudget.isPresent()
        && softBudget.get().isGreaterThan(maxBudget.get())) {
      throw new IllegalArgumentException("the soft budget must not exceed the budget");
    }
  }

  /** The same template created at {@code at} (the store's time, not the caller's). */
  public BudgetTemplate createdAt(Instant at) {
    return new BudgetTemplate(tenant, id, maxBudget, softBudget, rpm, tpm, maxParallel, duration,
        at);
  }
}
