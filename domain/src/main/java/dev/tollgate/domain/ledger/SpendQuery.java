package dev.tollgate.domain.ledger;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * Which ledger entries to read: those whose request started in [from, to), narrowed by any of
 * tenant, team, key, model, end user, session and tag (an entry carrying that tag among others).
 * An empty tenant means every tenant (platform administrators only).
 */
public record SpendQuery(
    Optional<TenantId> tenant,
    Optional<TeamId> team,
    Optional<KeyId> key,
    Optional<ModelName> model,
    Optional<EndUserId> endUser,
    Instant from,
    Instant to,
    Optional<SessionId> session,
    Optional<Tag> tag) {

  public SpendQuery {
    if (tenant == null || team == null || key == null || model == null || endUser == null
        || session == null || tag == null) {
      throw new IllegalArgumentException("filters may be empty but not null");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  /** A query without a tag filter. */
  public SpendQuery(Optional<TenantId> tenant, Optional<TeamId> team, Optional<KeyId> key,
      Optional<ModelName> model, Optional<EndUserId> endUser, Instant from, Instant to,
      Optional<SessionId> session) {
    this(tenant, team, key, model, endUser, from, to, session, Optional.empty());
  }

  /** A query without a session filter. */
  public SpendQuery(Optional<TenantId> tenant, Optional<TeamId> team, Optional<KeyId> key,
      Optional<ModelName> model, Optional<EndUserId> endUser, Instant from, Instant to) {
    this(tenant, team, key, model, endUser, from, to, Optional.empty());
  }

  /** A query without an end-user filter. */
  public SpendQuery(Optional<TenantId> tenant, Optional<TeamId> team, Optional<KeyId> key,
      Optional<ModelName> model, Instant from, Instant to) {
    this(tenant, team, key, model, Optional.empty(), from, to);
  }

  /** This query narrowed to one end user (or not, when empty). */
  public SpendQuery withEndUser(Optional<EndUserId> user) {
    return new SpendQuery(tenant, team, key, model, user, from, to, session, tag);
  }

  /** This query narrowed to one client session (or not, when empty). */
  public SpendQuery withSession(Optional<SessionId> named) {
    return new SpendQuery(tenant, team, key, model, endUser, from, to, named, tag);
  }

  /** This query narrowed to entries carrying {@code named} (or not, when empty). */
  public SpendQuery withTag(Optional<Tag> named) {
    return new SpendQuery(tenant, team, key, model, endUser, from, to, session, named);
  }

  /**
   * Whether {@code entry} passes the end-user, session and tag filters (the others are the
   * store's).
   */
  public boolean matchesAttribution(SpendEntry entry) {
    return endUser.map(u -> entry.endUser().equals(Optional.of(u))).orElse(true)
        && session.map(s -> entry.session().equals(Optional.of(s))).orElse(true)
        && tag.map(t -> entry.tags().contains(t)).orElse(true);
  }

  public static SpendQuery forTenant(TenantId tenant, Instant from, Instant to) {
    return new SpendQuery(
        Optional.of(tenant), Optional.empty(), Optional.empty(), Optional.empty(), from, to);
  }

  public static SpendQuery forKey(TenantId tenant, KeyId key, Instant from, Instant to) {
    return new SpendQuery(
        Optional.of(tenant), Optional.empty(), Optional.of(key), Optional.empty(), from, to);
  }
}
