package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.AdmissionPolicy;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.AuthorizeRequest;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.SlotOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Admission in order: key format and checksum (no lookup), key known, key state, the tenant's
 * alias and allow-list, model served and priced, parallel slots, rate windows, budget hold. Each
 * later step that refuses gives back what the earlier ones took, so a refused request holds
 * nothing and counts against nothing. A tenant whose policy clamps gets a budget refusal turned
 * into a shorter request when the budget covers at least its minimum output ({@link ClampedHold}).
 */
public final class AuthorizeRequestService implements AuthorizeRequest {

  private final Stores stores;
  private final java.time.Clock clock;
  private final AdmissionSettings settings;

  public AuthorizeRequestService(Stores stores, java.time.Clock clock, AdmissionSettings settings) {
    this.stores = stores;
    this.clock = clock;
    this.settings = settings;
  }

  /** A key and model that passed every check that needs no counting. */
  private record Resolved(VirtualKey key, TenantPolicy policy, ModelSpec model, PriceVersion price) {}

  @Override
  public Admission authorize(AuthorizeCommand command) {
    Instant now = clock.instant();
    Object resolved = resolve(command, now);
    if (resolved instanceof Denied denied) {
      return denied;
    }
    return admit(command, (Resolved) resolved, now);
  }

  /** Answers a {@link Denied} or a {@link Resolved}; nothing is counted or held yet. */
  private Object resolve(AuthorizeCommand command, Instant now) {
    VirtualKey key;
    switch (KeyLookup.find(stores.keys(), command.presentedKey(), now)) {
      case KeyLookup.Refused refused -> {
        return refused.denial();
      }
      case KeyLookup.Found found -> key = found.key();
    }
    TenantPolicy policy =
        stores.tenants().find(key.owner().tenant()).orElse(TenantPolicy.open(key.owner().tenant()));
    Optional<Denied> tenantDenial = AdmissionPolicy.checkTenant(policy);
    if (tenantDenial.isPresent()) {
      return tenantDenial.get();
    }
    ModelName name = policy.resolve(command.model());
    Optional<Denied> keyDenial = AdmissionPolicy.checkKey(key, name, now);
    if (keyDenial.isPresent()) {
      return keyDenial.get();
    }
    Optional<ModelSpec> model = stores.models().find(name);
    Optional<PriceVersion> price = stores.prices().inForceAt(name, now);
    if (model.isEmpty() || !policy.allows(name)) {
      return Denied.of(
          DenialReason.MODEL_NOT_FOUND,
          "The model '" + command.model() + "' does not exist or you do not have access to it.");
    }
    if (price.isEmpty()) {
      return Denied.of(
          DenialReason.MODEL_NOT_PRICED,
          "The model '" + command.model() + "' has no price yet and cannot be used.");
    }
    return new Resolved(key, policy, model.get(), price.get());
  }

  private Admission admit(AuthorizeCommand command, Resolved r, Instant now) {
    List<Scope> scopes = Scopes.of(r.key(), r.policy(), r.model().name(), command.endUserUnder(r.policy()));
    String holder = command.requestId().value();
    SlotOutcome slot =
        stores.slots().tryAcquire(scopes, holder, now.plus(settings.slotTtl()), now);
    if (slot instanceof SlotOutcome.Busy busy) {
      return AdmissionPolicy.parallelLimited(busy.limit().scope(), busy.limit().maxInFlight());
    }
    List<Scope> slotScopes = ((SlotOutcome.Acquired) slot).scopes();
    long completion = Math.multiplyExact(
        r.model().completionBound(command.maxCompletionTokens()), (long) command.choices());
    long tokens = Math.addExact(command.promptTokens(), completion);
    RateOutcome rate;
    try {
      rate = stores.rates().tryAcquire(scopes, 1, tokens, now);
    } catch (RuntimeException storeDown) {
      stores.slots().release(slotScopes, holder); // a failed admission holds nothing either
      throw storeDown;
    }
    if (rate instanceof RateOutcome.Limited limited) {
      stores.slots().release(slotScopes, holder);
      return AdmissionPolicy.rateLimited(
          limited.limit().scope(), limited.limit().kind(), limited.decision());
    }
    List<RateReceipt> receipts = ((RateOutcome.Acquired) rate).receipts();
    Money maxCost = r.price().prices().maximumCostOf(command.promptTokens(), completion);
    HoldId holdId = HoldId.forRequest(command.requestId());
    BudgetStore budgets = stores.budgets();
    HoldOutcome hold;
    HoldRequest holdRequest =
        new HoldRequest(holdId, scopes, maxCost, now, now.plus(settings.holdTtl()));
    try {
      hold = budgets.placeHold(holdRequest);
    } catch (RuntimeException storeDown) {
      undo(receipts, slotScopes, holder, now);
      throw storeDown;
    }
    return switch (hold) {
      case HoldOutcome.Held held ->
          new Admission.Admitted(
              new AdmissionTicket(
                  command.requestId(), r.key(), r.policy(), r.model(), command.endUserUnder(r.policy()), now,
                  r.price(), held.id(), held.amount(), held.tightestRemaining(), tokens, receipts,
                  slotScopes, OptionalLong.empty(),
                  r.policy().nearLimit().demotes(held.pastSoftLimit())));
      case HoldOutcome.Refused refused -> {
        Optional<ClampedHold.Clamped> clamped =
            clamp(command, r, holdRequest, refused, completion, receipts, slotScopes, holder, now);
        if (clamped.isPresent()) {
          yield clampedAdmission(command, r, clamped.get(), slotScopes, now);
        }
        undo(receipts, slotScopes, holder, now);
        yield AdmissionPolicy.budgetExhausted(
            refused.budget().scope(), refused.available(), refused.held(), maxCost,
            refused.window(), now);
      }
      case HoldOutcome.Conflict conflict -> {
        // Another request with this id is in flight: its slots are held under the same holder
        // (slot stores are idempotent per holder, so this call took none of its own). Give back
        // only the rate counts this call added; releasing the slots would free the original's.
        undoRates(receipts, now);
        yield Denied.of(
            DenialReason.DUPLICATE_REQUEST,
            "A request with id " + command.requestId().value() + " is already in flight.");
      }
    };
  }

  /** The tenant's clamp policy: a lowered request instead of a refusal, when one is affordable. */
  private Optional<ClampedHold.Clamped> clamp(
      AuthorizeCommand command, Resolved r, HoldRequest refusedRequest, HoldOutcome.Refused refused,
      long completion, List<RateReceipt> receipts, List<Scope> slotScopes, String holder,
      Instant now) {
    if (!r.policy().nearLimit().clamps()) {
      return Optional.empty();
    }
    try {
      return ClampedHold.place(stores.budgets(), stores.rates(), refusedRequest, refused,
          r.price().prices(), command.promptTokens(), completion,
          r.policy().nearLimit().minOutputTokens(), command.choices(), receipts);
    } catch (RuntimeException storeDown) {
      undo(receipts, slotScopes, holder, now);
      throw storeDown;
    }
  }

  private static Admission clampedAdmission(
      AuthorizeCommand command, Resolved r, ClampedHold.Clamped c, List<Scope> slotScopes,
      Instant now) {
    HoldOutcome.Held held = c.held();
    return new Admission.Admitted(
        new AdmissionTicket(
            command.requestId(), r.key(), r.policy(), r.model(), command.endUserUnder(r.policy()), now,
            r.price(), held.id(), held.amount(), held.tightestRemaining(),
            Math.addExact(command.promptTokens(), c.completionBound()), c.receipts(), slotScopes,
            OptionalLong.of(c.perChoiceBound()),
            r.policy().nearLimit().demotes(held.pastSoftLimit())));
  }

  private void undo(List<RateReceipt> receipts, List<Scope> slotScopes, String holder, Instant now) {
    undoRates(receipts, now);
    stores.slots().release(slotScopes, holder);
  }

  private void undoRates(List<RateReceipt> receipts, Instant now) {
    for (RateReceipt r : receipts) {
      stores.rates().adjust(r, -r.amount(), now);
    }
  }
}
