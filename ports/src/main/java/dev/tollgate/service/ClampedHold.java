package dev.tollgate.service;

import dev.tollgate.domain.admission.CompletionClamp;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateWindowStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The clamp policy's second try after a budget refused a request's maximum cost: hold the cost of
 * the largest completion bound the refusing budget can pay (at least the tenant's minimum
 * output), and give back the token-window units the lowered bound no longer needs.
 *
 * <p>Another budget over the request may have even less left; its refusal lowers the bound
 * again, at most once per scope, since each refusal comes from a different budget or a smaller
 * amount. Nothing is held if the last try is refused too.
 */
final class ClampedHold {

  /**
   * The clamped hold, the lowered bound of each choice (what the data plane is sent), the bound of
   * all choices together (what is held and counted), and the receipts as corrected.
   */
  record Clamped(HoldOutcome.Held held, long perChoiceBound, long completionBound,
      List<RateReceipt> receipts) {}

  private ClampedHold() {}

  /**
   * Empty when the policy does not clamp or not even the minimum output is affordable; a store
   * failure propagates (the caller undoes what admission took).
   */
  static Optional<Clamped> place(
      BudgetStore budgets, RateWindowStore rates, HoldRequest refusedRequest,
      HoldOutcome.Refused refused, TokenPrices prices, long promptTokens, long completion,
      long minOutputTokens, int choices, List<RateReceipt> receipts) {
    HoldOutcome.Refused last = refused;
    for (int attempt = 0; attempt < refusedRequest.scopes().size(); attempt++) {
      OptionalLong perChoice = CompletionClamp.affordablePerChoice(
          prices, promptTokens, completion, last.available(), minOutputTokens, choices);
      if (perChoice.isEmpty()) {
        return Optional.empty(); // not even the minimum output of every choice is affordable
      }
      // Each choice is sent the same bound, so all of them together are what is held.
      long bound = Math.multiplyExact(perChoice.getAsLong(), (long) choices);
      if (bound >= completion) {
        return Optional.empty(); // a race made the whole request fit
      }
      Money cost = prices.maximumCostOf(promptTokens, bound);
      HoldOutcome outcome = budgets.placeHold(new HoldRequest(refusedRequest.id(),
          refusedRequest.scopes(), cost, refusedRequest.now(), refusedRequest.expiresAt()));
      switch (outcome) {
        case HoldOutcome.Held held -> {
          long saved = completion - bound;
          return Optional.of(new Clamped(held, perChoice.getAsLong(), bound,
              giveBack(rates, receipts, saved, refusedRequest)));
        }
        case HoldOutcome.Refused again -> last = again;
        case HoldOutcome.Conflict conflict -> {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Token windows counted the request's full bound; they keep only the clamped one. A window that
   * cannot be corrected now keeps the full count (conservative; settlement corrects it to actual).
   */
  private static List<RateReceipt> giveBack(
      RateWindowStore rates, List<RateReceipt> receipts, long saved, HoldRequest at) {
    return receipts.stream().map(r -> {
      if (r.kind() != RateKind.TOKENS || saved == 0) {
        return r;
      }
      try {
        rates.adjust(r, -saved, at.now());
      } catch (RuntimeException storeDown) {
        return r;
      }
      return new RateReceipt(r.scope(), r.kind(), r.bucketIndex(), r.amount() - saved, r.limit(),
          r.remaining() + saved, r.resetAfter());
    }).toList();
  }
}
