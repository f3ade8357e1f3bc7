package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.AdmissionPolicy;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.AuthorizeRequest;
import dev.tollgate.port.out.AdmissionStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Admission in order: key format and checksum (no lookup), key known, key state, the tenant's
 * alias and allow-list, model served and priced ({@link Resolution}), then parallel slots, rate
 * windows, budget hold. Each stage answers a sealed value and the next one switches over it. Each
 * later stage that refuses gives back what the earlier ones took ({@link Taken}), so a refused
 * request holds nothing and counts against nothing. A tenant whose policy clamps gets a budget
 * refusal turned into a shorter request when the budget covers at least its minimum output
 * ({@link ClampedHold}).
 */
public final class AuthorizeRequestService implements AuthorizeRequest {

  private final Stores stores;
  private final Clock clock;
  private final AdmissionSettings settings;
  private final SessionBudgetBook sessions;

  public AuthorizeRequestService(Stores stores, Clock clock, AdmissionSettings settings) {
    this(stores, clock, settings, new SessionBudgetBook());
  }

  AuthorizeRequestService(Stores stores, Clock clock, AdmissionSettings settings,
      SessionBudgetBook sessions) {
    this.stores = stores;
    this.clock = clock;
    this.settings = settings;
    this.sessions = sessions;
  }

  /** A request that passed resolution, at the instant admission began. */
  private record Admitting(AuthorizeCommand command, Resolution.Resolved r, Instant now) {

    String holder() {
      return command.requestId().value();
    }
  }

  @Override
  public Admission authorize(AuthorizeCommand command) {
    Instant now = clock.instant();
    return switch (Resolution.of(stores, command, now)) {
      case Resolution.Refused refused -> refused.denial();
      case Resolution.Resolved resolved -> take(new Admitting(command, resolved, now));
    };
  }

  /**
   * Slots, rate windows and the budget hold in one store operation ({@link AdmissionStore}: one
   * round trip where the store keeps all three); a store failure leaves nothing taken.
   */
  private Admission take(Admitting a) {
    AuthorizeCommand command = a.command();
    Instant now = a.now();
    long completion = Math.multiplyExact(
        a.r().model().completionBound(command.maxCompletionTokens()), (long) command.choices());
    long tokens = Math.addExact(command.promptTokens(), completion);
    Money maxCost = a.r().price().prices()
        .maximumCostOf(command.promptTokens(), completion, command.audioMillis());
    HoldRequest request = new HoldRequest(HoldId.forRequest(command.requestId()),
        a.r().scopes(), maxCost, now, now.plus(settings.holdTtl()));
    AdmissionStore.Take take = new AdmissionStore.Take(a.r().scopes(), a.holder(),
        now.plus(settings.slotTtl()), 1, tokens, request);
    return switch (stores.admissions().take(take)) {
      case AdmissionStore.Taken.SlotsBusy busy -> AdmissionPolicy.parallelLimited(
          busy.busy().limit().scope(), busy.busy().limit().maxInFlight());
      case AdmissionStore.Taken.RateLimited limited -> {
        new Taken(stores, a.holder(), limited.slotScopes(), List.of()).giveBack(now);
        RateOutcome.Limited l = limited.limited();
        yield AdmissionPolicy.rateLimited(l.limit().scope(), l.limit().kind(), l.decision());
      }
      case AdmissionStore.Taken.Holding holding -> hold(a,
          new Taken(stores, a.holder(), holding.slotScopes(), holding.receipts()), request,
          holding.hold(), completion, tokens);
    };
  }

  private Admission hold(Admitting a, Taken taken, HoldRequest request, HoldOutcome hold,
      long completion, long tokens) {
    Instant now = a.now();
    return switch (hold) {
      case HoldOutcome.Held held -> holdSession(a, taken, held, tokens, OptionalLong.empty());
      case HoldOutcome.Refused refused -> clampOrRefuse(a, taken, request, refused, completion);
      case HoldOutcome.Conflict conflict -> {
        // Another request with this id is in flight: its slots are held under the same holder
        // (slot stores are idempotent per holder, so this call took none of its own). Give back
        // only the rate counts this call added; releasing the slots would free the original's.
        taken.giveBackRates(now);
        yield Denied.of(DenialReason.DUPLICATE_REQUEST,
            "A request with id " + a.holder() + " is already in flight.");
      }
    };
  }

  /** The tenant's clamp policy: a lowered request instead of a refusal, when one is affordable. */
  private Admission clampOrRefuse(Admitting a, Taken taken, HoldRequest refusedRequest,
      HoldOutcome.Refused refused, long completion) {
    Optional<ClampedHold.Clamped> clamped = Optional.empty();
    // A transcription has no output bound to lower: its audio is what it costs.
    if (a.r().policy().nearLimit().clamps() && a.command().audioMillis() == 0) {
      try {
        clamped = ClampedHold.place(stores.budgets(), stores.rates(), refusedRequest, refused,
            a.r().price().prices(), a.command().promptTokens(), completion,
            a.r().policy().nearLimit().minOutputTokens(), a.command().choices(), taken.receipts());
      } catch (RuntimeException storeDown) {
        taken.giveBack(a.now());
        throw storeDown;
      }
    }
    if (clamped.isPresent()) {
      ClampedHold.Clamped c = clamped.get();
      long tokens = Math.addExact(a.command().promptTokens(), c.completionBound());
      return holdSession(a, taken.withReceipts(c.receipts()), c.held(), tokens,
          OptionalLong.of(c.perChoiceBound()));
    }
    taken.giveBack(a.now());
    return AdmissionPolicy.budgetExhausted(refused.budget().scope(), refused.available(),
        refused.held(), refusedRequest.amount(), refused.window(), a.now());
  }

  /**
   * The last stage, for a request in a session of a key with a per-session budget: the same amount
   * held on the session's account ({@link SessionBudgetBook}, in memory: a new session costs no
   * read). Refused there, everything taken so far is given back, the budget hold included; a
   * session budget refuses, it never clamps.
   */
  private Admission holdSession(Admitting a, Taken taken, HoldOutcome.Held held, long tokens,
      OptionalLong clamped) {
    Optional<Budget> budget = SessionBudgetBook.budgetOf(a.r().key(), a.command().session());
    if (budget.isEmpty()) {
      return new Admission.Admitted(ticket(a, taken, held, tokens, clamped, false));
    }
    Instant now = a.now();
    SessionBudgetBook.Outcome outcome = sessions.hold(budget.get(),
        a.r().key().owner().tenant(), held.id(), held.amount(), now, now.plus(settings.holdTtl()));
    return switch (outcome) {
      case SessionBudgetBook.Outcome.Held inSession -> {
        Money tightest = held.tightestRemaining().map(r -> r.min(inSession.remaining()))
            .orElse(inSession.remaining());
        yield new Admission.Admitted(ticket(a, taken, new HoldOutcome.Held(held.id(),
            held.amount(), Optional.of(tightest), held.pastSoftLimit()), tokens, clamped, true));
      }
      case SessionBudgetBook.Outcome.Refused refused -> {
        try {
          stores.budgets().release(held.id());
        } finally {
          taken.giveBack(now);
        }
        yield AdmissionPolicy.budgetExhausted(refused.budget().scope(), refused.available(),
            refused.held(), held.amount(), refused.window(), now);
      }
    };
  }

  private static AdmissionTicket ticket(Admitting a, Taken taken, HoldOutcome.Held held,
      long tokens, OptionalLong clampedCompletionTokens, boolean sessionHeld) {
    AuthorizeCommand command = a.command();
    Resolution.Resolved r = a.r();
    return new AdmissionTicket(
        command.requestId(), r.key(), r.policy(), r.model(), r.scopes(), command.endUserUnder(r.policy()),
        a.now(), r.price(), held.id(), held.amount(), held.tightestRemaining(), tokens,
        taken.receipts(), taken.slotScopes(), clampedCompletionTokens,
        r.policy().nearLimit().demotes(held.pastSoftLimit()), command.session(), sessionHeld,
        command.tags());
  }

  /**
   * What admission has taken so far, and how to give it back: the rate counts first (each receipt
   * adjusted back), then the parallel slots.
   */
  private record Taken(
      Stores stores, String holder, List<Scope> slotScopes, List<RateReceipt> receipts) {

    Taken withReceipts(List<RateReceipt> counted) {
      return new Taken(stores, holder, slotScopes, counted);
    }

    void giveBack(Instant now) {
      giveBackRates(now);
      stores.slots().release(slotScopes, holder);
    }

    void giveBackRates(Instant now) {
      for (RateReceipt r : receipts) {
        stores.rates().adjust(r, -r.amount(), now);
      }
    }
  }
}
