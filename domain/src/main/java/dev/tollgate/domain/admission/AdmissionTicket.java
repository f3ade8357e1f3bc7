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
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TenantPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything settlement needs to know about an admitted request: what was held, what was counted
 * in which window, which slots it occupies, the price version in force when it started, and the
 * tenant policy and model it was admitted under.
 *
 * @param scopes the chain the request counts against ({@link Scope#chainOf}), derived once at
 *     admission: the hold was placed and the windows counted on exactly these, so settlement
 *     posts on them too
 * @param heldAmount the maximum cost held on every budget
 * @param tightestBudgetRemaining what the tightest budget had left after the hold (empty when the
 *     request is under no budget)
 * @param clampedCompletionTokens the completion bound the request was lowered to because its
 *     budget could not cover what it asked for (the tenant's clamp policy); empty when it was not
 * @param demoted a budget over the request is past its soft limit and the tenant's policy demotes
 *     ({@link dev.tollgate.domain.tenancy.NearLimitPolicy#demotes}): the data plane gets the
 *     policy's sheddable objective ({@link #objective()})
 * @param session the client session the request named, recorded on its ledger entry
 * @param sessionHeld the request also holds {@code heldAmount} on its session's budget (the key's
 *     per-session budget), which settlement posts or releases with the rest
 * @param tags the request's tags, recorded on its ledger entry (and in {@code scopes} when its
 *     tenant has tag budgets)
 */
public record AdmissionTicket(
    RequestId requestId,
    VirtualKey key,
    TenantPolicy tenantPolicy,
    ModelSpec model,
    List<Scope> scopes,
    Optional<EndUserId> endUser,
    Instant startedAt,
    PriceVersion price,
    HoldId hold,
    Money heldAmount,
    Optional<Money> tightestBudgetRemaining,
    long estimatedTokens,
    List<RateReceipt> rateReceipts,
    List<Scope> slotScopes,
    OptionalLong clampedCompletionTokens,
    boolean demoted,
    Optional<SessionId> session,
    boolean sessionHeld,
    Tags tags) {

  public AdmissionTicket {
    scopes = List.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a request counts against at least its tenant's scope");
    }
    rateReceipts = List.copyOf(rateReceipts);
    slotScopes = List.copyOf(slotScopes);
    if (clampedCompletionTokens == null || session == null || tags == null) {
      throw new IllegalArgumentException("clampedCompletionTokens, session and tags are required");
    }
    if (sessionHeld && session.isEmpty()) {
      throw new IllegalArgumentException("only a request in a session holds on a session budget");
    }
  }

  /** A ticket of a request without tags. */
  public AdmissionTicket(RequestId requestId, VirtualKey key, TenantPolicy tenantPolicy,
      ModelSpec model, List<Scope> scopes, Optional<EndUserId> endUser, Instant startedAt,
      PriceVersion price, HoldId hold, Money heldAmount, Optional<Money> tightestBudgetRemaining,
      long estimatedTokens, List<RateReceipt> rateReceipts, List<Scope> slotScopes,
      OptionalLong clampedCompletionTokens, boolean demoted, Optional<SessionId> session,
      boolean sessionHeld) {
    this(requestId, key, tenantPolicy, model, scopes, endUser, startedAt, price, hold, heldAmount,
        tightestBudgetRemaining, estimatedTokens, rateReceipts, slotScopes,
        clampedCompletionTokens, demoted, session, sessionHeld, Tags.NONE);
  }

  /** A ticket of a request that names no session. */
  public AdmissionTicket(RequestId requestId, VirtualKey key, TenantPolicy tenantPolicy,
      ModelSpec model, List<Scope> scopes, Optional<EndUserId> endUser, Instant startedAt,
      PriceVersion price, HoldId hold, Money heldAmount, Optional<Money> tightestBudgetRemaining,
      long estimatedTokens, List<RateReceipt> rateReceipts, List<Scope> slotScopes,
      OptionalLong clampedCompletionTokens, boolean demoted) {
    this(requestId, key, tenantPolicy, model, scopes, endUser, startedAt, price, hold, heldAmount,
        tightestBudgetRemaining, estimatedTokens, rateReceipts, slotScopes,
        clampedCompletionTokens, demoted, Optional.empty(), false);
  }

  /** The session budget's scope this request holds on, if it holds on one. */
  public Optional<Scope> sessionScope() {
    return sessionHeld ? session.map(s -> Scope.session(key.id(), s)) : Optional.empty();
  }

  /**
   * What the tightest budget has left once this request is charged {@code cost}: its hold is
   * gone and the cost posted in its place. Empty when the request is under no budget. Negative
   * when the cost went beyond what the budget had (an overage the next request is refused for).
   */
  public Optional<Money> remainingAfter(Money cost) {
    return tightestBudgetRemaining.map(r -> r.plus(heldAmount).minus(cost));
  }

  /** The inference objective the data plane gets: the demoted one, or the tenant's own. */
  public Optional<String> objective() {
    return tenantPolicy.objectiveFor(demoted);
  }
}
