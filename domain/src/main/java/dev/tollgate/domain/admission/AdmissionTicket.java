package dev.tollgate.domain.admission;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.tenancy.EndUserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything settlement needs to know about an admitted request: what was held, what was counted
 * in which window, which slots it occupies, and the price version in force when it started.
 */
public record AdmissionTicket(
    RequestId requestId,
    VirtualKey key,
    ModelName model,
    Optional<EndUserId> endUser,
    Instant startedAt,
    PriceVersion price,
    HoldId hold,
    Money heldAmount,
    long estimatedTokens,
    List<RateReceipt> rateReceipts,
    List<Scope> slotScopes) {

  public AdmissionTicket {
    rateReceipts = List.copyOf(rateReceipts);
    slotScopes = List.copyOf(slotScopes);
  }
}
