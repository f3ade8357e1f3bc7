package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.port.out.AdmissionStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.SlotOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A request's slots, windows and hold taken on the fast shared store (Redis) in one operation,
 * and given back in one, with the same failover as {@link FailoverSlotStore}, {@link
 * FailoverRateWindowStore} and {@link FailoverBudgetStore}: what the fast store took is noted in
 * them (a cut carries its holds, its windows cap the local ones); while it is down, or when this
 * call fails, the three steps run on their local state as each of them runs it. At the end each
 * gives back its local part and the fast store is told the rest in one operation (owed, and
 * replayed, while it is down).
 */
public final class FailoverAdmissionStore implements AdmissionStore {

  private final AdmissionStore fast;
  private final FailoverSlotStore slots;
  private final FailoverRateWindowStore rates;
  private final FailoverBudgetStore budgets;
  private final SharedStateFailover failover;

  public FailoverAdmissionStore(AdmissionStore fast, FailoverSlotStore slots,
      FailoverRateWindowStore rates, FailoverBudgetStore budgets, SharedStateFailover failover) {
    this.fast = fast;
    this.slots = slots;
    this.rates = rates;
    this.budgets = budgets;
    this.failover = failover;
  }

  @Override
  public Taken take(Take take) {
    SharedStateFailover.Served<Taken> served =
        failover.serve(() -> fast.take(take), () -> takeLocally(take));
    if (!served.local() && served.value() instanceof Taken.Holding holding) {
      rates.countedFast(holding.receipts(), take.now());
      if (holding.hold() instanceof HoldOutcome.Held) {
        budgets.heldFast(take.hold());
      }
    }
    return served.value();
  }

  /** The three steps on the local state; a failed step gives back what the earlier ones took. */
  private Taken takeLocally(Take take) {
    Instant now = take.now();
    SlotOutcome slotted =
        slots.acquireLocally(take.scopes(), take.holder(), take.slotExpiresAt(), now);
    if (!(slotted instanceof SlotOutcome.Acquired acquired)) {
      return new Taken.SlotsBusy((SlotOutcome.Busy) slotted);
    }
    RateOutcome counted;
    try {
      counted = rates.countLocally(take.scopes(), take.requests(), take.tokens(), now);
    } catch (RuntimeException storeDown) {
      slots.release(acquired.scopes(), take.holder());
      throw storeDown;
    }
    return switch (counted) {
      case RateOutcome.Limited limited -> new Taken.RateLimited(acquired.scopes(), limited);
      case RateOutcome.Acquired receipts -> {
        try {
          yield new Taken.Holding(acquired.scopes(), receipts.receipts(),
              budgets.holdLocally(take.hold()));
        } catch (RuntimeException storeDown) {
          for (RateReceipt r : receipts.receipts()) {
            rates.adjust(r, -r.amount(), now);
          }
          slots.release(acquired.scopes(), take.holder());
          throw storeDown;
        }
      }
    };
  }

  @Override
  public Settlement finish(Finish finish, Instant now) {
    Optional<Settlement> local = finish.actual().isPresent()
        ? budgets.settleLocally(finish.hold(), finish.scopes(), finish.heldAt(),
            finish.actual().orElseThrow(), now)
        : budgets.releaseLocally(finish.hold())
            ? Optional.of(new Settlement(List.of())) : Optional.empty();
    // The local parts are in memory; the fast store's part is one operation, owed while down.
    finish.corrections().forEach(c -> rates.adjustLocally(c.receipt(), c.delta(), now));
    boolean slotsLocal = slots.releaseLocally(finish.slotScopes(), finish.holder());
    Finish rest = slotsLocal ? finish.withoutSlots() : finish;
    Settlement[] answer = {local.orElse(new Settlement(List.of()))};
    failover.tell(at -> {
      Settlement s = fast.finish(rest, at);
      if (local.isEmpty()) {
        answer[0] = s;
      }
    }, true, now);
    return answer[0];
  }
}
