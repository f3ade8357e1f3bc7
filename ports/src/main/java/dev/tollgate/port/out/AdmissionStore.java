package dev.tollgate.port.out;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.RateReceipt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one request takes on admission (a parallel slot, a count in every rate window, a budget
 * hold) and gives back at its end (the hold settled or released, the token windows corrected,
 * the slots), each as one operation: a store that keeps all three (Redis) does each in one round
 * trip instead of three. The answers are exactly those of {@link SlotStore}, {@link
 * RateWindowStore} and {@link BudgetStore} called in that order, a later step only when the
 * earlier one took, and nothing given back by the store: what to give back after a refusal is
 * the caller's decision, as it is with the three ports. {@link #composing} is that composition,
 * what every wiring without a store of its own uses.
 */
public interface AdmissionStore {

  /**
   * Admission's three steps over the same scopes: a slot for {@code holder} lapsing at
   * {@code slotExpiresAt}, {@code requests} and {@code tokens} units in every window, then
   * {@code hold} (its scopes are these scopes, its {@code now} is the time of all three).
   */
  record Take(List<Scope> scopes, String holder, Instant slotExpiresAt, long requests, long tokens,
      HoldRequest hold) {
    public Take {
      scopes = List.copyOf(scopes);
      if (!scopes.equals(hold.scopes())) {
        throw new IllegalArgumentException("the hold must be on the scopes taken");
      }
    }

    public Instant now() {
      return hold.now();
    }
  }

  /** How far admission's steps went: the first that refused, or all three. */
  sealed interface Taken {

    /** No slot anywhere; nothing was counted or held. */
    record SlotsBusy(SlotOutcome.Busy busy) implements Taken {}

    /** Slots taken on {@code slotScopes}; no window had room, nothing counted or held. */
    record RateLimited(List<Scope> slotScopes, RateOutcome.Limited limited) implements Taken {
      public RateLimited {
        slotScopes = List.copyOf(slotScopes);
      }
    }

    /** Slots taken and units counted; {@code hold} is the budget store's answer. */
    record Holding(List<Scope> slotScopes, List<RateReceipt> receipts, HoldOutcome hold)
        implements Taken {
      public Holding {
        slotScopes = List.copyOf(slotScopes);
        receipts = List.copyOf(receipts);
      }
    }
  }

  /** A correction of what a receipt counted, as {@link RateWindowStore#adjust} takes it. */
  record Correction(RateReceipt receipt, long delta) {}

  /**
   * A request's end: the hold settled at {@code actual} on {@code scopes} (as {@link
   * BudgetStore#settle}), or released when {@code actual} is empty; then each correction; then
   * the holder's slots on {@code slotScopes} given back, even when an earlier step failed.
   */
  record Finish(HoldId hold, List<Scope> scopes, Instant heldAt, Optional<Money> actual,
      List<Correction> corrections, List<Scope> slotScopes, String holder) {
    public Finish {
      scopes = List.copyOf(scopes);
      corrections = List.copyOf(corrections);
      slotScopes = List.copyOf(slotScopes);
    }

    /** The same end without the slots (given back elsewhere). */
    public Finish withoutSlots() {
      return new Finish(hold, scopes, heldAt, actual, corrections, List.of(), holder);
    }
  }

  Taken take(Take take);

  /** Ends a request at {@code now}; the settlement (empty for a release). */
  Settlement finish(Finish finish, Instant now);

  /** The three ports called one after the other. */
  static AdmissionStore composing(SlotStore slots, RateWindowStore rates, BudgetStore budgets) {
    return new Composed(slots, rates, budgets);
  }

  /** {@link AdmissionStore} as the three ports' calls in order: one round trip per step. */
  record Composed(SlotStore slots, RateWindowStore rates, BudgetStore budgets)
      implements AdmissionStore {

    @Override
    public Taken take(Take take) {
      Instant now = take.now();
      return switch (slots.tryAcquire(take.scopes(), take.holder(), take.slotExpiresAt(), now)) {
        case SlotOutcome.Busy busy -> new Taken.SlotsBusy(busy);
        case SlotOutcome.Acquired slotted -> count(take, slotted.scopes());
      };
    }

    private Taken count(Take take, List<Scope> slotScopes) {
      RateOutcome rate;
      try {
        rate = rates.tryAcquire(take.scopes(), take.requests(), take.tokens(), take.now());
      } catch (RuntimeException storeDown) {
        slots.release(slotScopes, take.holder()); // a failed step leaves nothing taken
        throw storeDown;
      }
      return switch (rate) {
        case RateOutcome.Limited limited -> new Taken.RateLimited(slotScopes, limited);
        case RateOutcome.Acquired counted -> {
          try {
            yield new Taken.Holding(slotScopes, counted.receipts(),
                budgets.placeHold(take.hold()));
          } catch (RuntimeException storeDown) {
            counted.receipts().forEach(r -> rates.adjust(r, -r.amount(), take.now()));
            slots.release(slotScopes, take.holder());
            throw storeDown;
          }
        }
      };
    }

    @Override
    public Settlement finish(Finish finish, Instant now) {
      try {
        Settlement settled = finish.actual()
            .map(actual ->
                budgets.settle(finish.hold(), finish.scopes(), finish.heldAt(), actual, now))
            .orElseGet(() -> {
              budgets.release(finish.hold());
              return new Settlement(List.of());
            });
        finish.corrections().forEach(c -> rates.adjust(c.receipt(), c.delta(), now));
        return settled;
      } finally {
        slots.release(finish.slotScopes(), finish.holder());
      }
    }
  }
}
