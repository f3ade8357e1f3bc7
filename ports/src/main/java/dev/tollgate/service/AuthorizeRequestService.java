package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.AdmissionPolicy;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.AuthorizeRequest;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Admission in order: key format and checksum (no lookup), key state, price, parallel slots, rate
 * windows, budget hold. Each later step that refuses gives back what the earlier ones took, so a
 * refused request holds nothing and counts against nothing.
 */
public final class AuthorizeRequestService implements AuthorizeRequest {

  private final KeyStore keys;
  private final PriceCatalog prices;
  private final SlotStore slots;
  private final RateWindowStore rates;
  private final BudgetStore budgets;
  private final Clock clock;
  private final AdmissionSettings settings;

  public AuthorizeRequestService(
      KeyStore keys,
      PriceCatalog prices,
      SlotStore slots,
      RateWindowStore rates,
      BudgetStore budgets,
      Clock clock,
      AdmissionSettings settings) {
    this.keys = keys;
    this.prices = prices;
    this.slots = slots;
    this.rates = rates;
    this.budgets = budgets;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public Admission authorize(AuthorizeCommand command) {
    Instant now = clock.instant();
    VirtualKey key;
    switch (KeyFormat.parse(command.presentedKey())) {
      case KeyFormat.Malformed m -> {
        return Denied.of(DenialReason.MALFORMED_KEY, "Invalid API key: " + m.why() + ".");
      }
      case KeyFormat.Wellformed w -> {
        Optional<VirtualKey> found = keys.findByHash(w.secret().hash());
        if (found.isEmpty()) {
          return Denied.of(DenialReason.UNKNOWN_KEY, "Incorrect API key provided.");
        }
        key = found.get();
      }
    }
    Optional<Denied> keyDenial = AdmissionPolicy.checkKey(key, command.model(), now);
    if (keyDenial.isPresent()) {
      return keyDenial.get();
    }
    Optional<PriceVersion> price = prices.inForceAt(command.model(), now);
    if (price.isEmpty()) {
      return Denied.of(
          DenialReason.MODEL_NOT_PRICED,
          "The model '" + command.model().value() + "' does not exist or has no price.");
    }
    return admit(command, key, price.get(), now);
  }

  private Admission admit(AuthorizeCommand command, VirtualKey key, PriceVersion price, Instant now) {
    List<Scope> scopes = Scopes.of(key, command.model());
    String holder = command.requestId().value();
    SlotOutcome slot = slots.tryAcquire(scopes, holder, now.plus(settings.slotTtl()), now);
    if (slot instanceof SlotOutcome.Busy busy) {
      return AdmissionPolicy.parallelLimited(busy.limit().scope(), busy.limit().maxInFlight());
    }
    List<Scope> slotScopes = ((SlotOutcome.Acquired) slot).scopes();
    long tokens = Math.addExact(command.promptTokens(), command.maxCompletionTokens());
    RateOutcome rate = rates.tryAcquire(scopes, 1, tokens, now);
    if (rate instanceof RateOutcome.Limited limited) {
      slots.release(slotScopes, holder);
      return AdmissionPolicy.rateLimited(
          limited.limit().scope(), limited.limit().kind(), limited.decision());
    }
    List<RateReceipt> receipts = ((RateOutcome.Acquired) rate).receipts();
    Money maxCost =
        price.prices().maximumCostOf(command.promptTokens(), command.maxCompletionTokens());
    HoldId holdId = HoldId.of("req:" + command.requestId().value());
    HoldOutcome hold =
        budgets.placeHold(new HoldRequest(holdId, scopes, maxCost, now, now.plus(settings.holdTtl())));
    return switch (hold) {
      case HoldOutcome.Held held ->
          new Admission.Admitted(
              new AdmissionTicket(
                  command.requestId(), key, command.model(), command.endUser(), now, price,
                  held.id(), held.amount(), tokens, receipts, slotScopes));
      case HoldOutcome.Refused refused -> {
        undo(receipts, slotScopes, holder, now);
        yield AdmissionPolicy.budgetExhausted(
            refused.budget().scope(), refused.available(), maxCost, refused.window(), now);
      }
      case HoldOutcome.Conflict conflict -> {
        undo(receipts, slotScopes, holder, now);
        yield Denied.of(
            DenialReason.DUPLICATE_REQUEST,
            "A request with id " + command.requestId().value() + " is already in flight.");
      }
    };
  }

  private void undo(List<RateReceipt> receipts, List<Scope> slotScopes, String holder, Instant now) {
    for (RateReceipt r : receipts) {
      rates.adjust(r, -r.amount(), now);
    }
    slots.release(slotScopes, holder);
  }
}
