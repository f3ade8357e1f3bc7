package dev.tollgate.domain.admission;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything settlement needs to know about an admitted request: what was held, what was counted
 * in which window, which slots it occupies, the price version in force when it started, and the
 * tenant policy and model it was admitted under.
 *
 * @param heldAmount the maximum cost held on every budget
 * @param tightestBudgetRemaining what the tightest budget had left after the hold (empty when the
 *     request is under no budget)
 */
public record AdmissionTicket(
    RequestId requestId,
    VirtualKey key,
    TenantPolicy tenantPolicy,
    ModelSpec model,
    Optional<EndUserId> endUser,
    Instant startedAt,
    PriceVersion price,
    HoldId hold,
    Money heldAmount,
    Optional<Money> tightestBudgetRemaining,
    long estimatedTokens,
    List<RateReceipt> rateReceipts,
    List<Scope> slotScopes) {

  public AdmissionTicket {
    rateReceipts = List.copyOf(rateReceipts);
    slotScopes = List.copyOf(slotScopes);
  }
}
