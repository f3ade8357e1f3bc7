package dev.tollgate.domain.ledger;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of the spend ledger: who spent how much on which model for which request. Lean on
 * purpose: the price version is referenced by its effective-from instant, never copied.
 *
 * @param startedAt when the request started (it was priced with the version in force then)
 * @param priceEffectiveFrom the effective-from of the price version used
 * @param overage the cost went beyond what was held for it
 * @param session the client session the request named in a session header (empty: none)
 * @param tags the request's tags ({@code metadata.tags} or the {@code x-tollgate-tags} header)
 */
public record SpendEntry(
    RequestId requestId,
    Owner owner,
    KeyId key,
    ModelName model,
    Optional<EndUserId> endUser,
    TokenUsage usage,
    UsageSource source,
    Money cost,
    Instant priceEffectiveFrom,
    Instant startedAt,
    Instant recordedAt,
    boolean overage,
    Optional<SessionId> session,
    Tags tags) {

  public SpendEntry {
    if (requestId == null || owner == null || key == null || model == null || endUser == null
        || usage == null || source == null || cost == null || priceEffectiveFrom == null
        || startedAt == null || recordedAt == null || session == null || tags == null) {
      throw new IllegalArgumentException("every SpendEntry field is required");
    }
    if (cost.isNegative()) {
      throw new IllegalArgumentException("cost must not be negative: " + cost);
    }
  }

  /** An entry without tags. */
  public SpendEntry(RequestId requestId, Owner owner, KeyId key, ModelName model,
      Optional<EndUserId> endUser, TokenUsage usage, UsageSource source, Money cost,
      Instant priceEffectiveFrom, Instant startedAt, Instant recordedAt, boolean overage,
      Optional<SessionId> session) {
    this(requestId, owner, key, model, endUser, usage, source, cost, priceEffectiveFrom, startedAt,
        recordedAt, overage, session, Tags.NONE);
  }

  /** An entry without a session. */
  public SpendEntry(RequestId requestId, Owner owner, KeyId key, ModelName model,
      Optional<EndUserId> endUser, TokenUsage usage, UsageSource source, Money cost,
      Instant priceEffectiveFrom, Instant startedAt, Instant recordedAt, boolean overage) {
    this(requestId, owner, key, model, endUser, usage, source, cost, priceEffectiveFrom, startedAt,
        recordedAt, overage, Optional.empty());
  }

  /** This entry attributed to {@code named} (or to no session, when empty). */
  public SpendEntry withSession(Optional<SessionId> named) {
    return new SpendEntry(requestId, owner, key, model, endUser, usage, source, cost,
        priceEffectiveFrom, startedAt, recordedAt, overage, named, tags);
  }

  /** This entry with {@code named} tags. */
  public SpendEntry withTags(Tags named) {
    return new SpendEntry(requestId, owner, key, model, endUser, usage, source, cost,
        priceEffectiveFrom, startedAt, recordedAt, overage, session, named);
  }

  /** Same economic event: everything but the instant it was recorded. */
  public boolean sameEventAs(SpendEntry other) {
    return requestId.equals(other.requestId)
        && owner.equals(other.owner)
        && key.equals(other.key)
        && model.equals(other.model)
        && endUser.equals(other.endUser)
        && usage.equals(other.usage)
        && source == other.source
        && cost.equals(other.cost)
        && priceEffectiveFrom.equals(other.priceEffectiveFrom)
        && startedAt.equals(other.startedAt)
        && overage == other.overage
        && session.equals(other.session)
        && tags.equals(other.tags);
  }
}
