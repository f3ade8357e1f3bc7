package dev.tollgate.service;

import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.KeyChanges;
import dev.tollgate.port.in.admin.KeySpec;
import dev.tollgate.port.in.admin.ManageKeys;
import dev.tollgate.port.out.DuplicateAliasException;
import dev.tollgate.domain.key.KeyFilter;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Keys: minted, listed masked, changed, blocked, rotated with a grace period, deleted; audited. */
public final class KeyAdminService implements ManageKeys {

  private final KeyStore keys;
  private final TenantDirectory directory;
  private final ModelCatalog models;
  private final AuditTrail audit;
  private final Idempotency idempotency;
  private final Clock clock;
  private final RandomGenerator random;

  KeyAdminService(KeyStore keys, TenantDirectory directory, ModelCatalog models, AuditTrail audit,
      Idempotency idempotency, Clock clock, RandomGenerator random) {
    this.keys = keys;
    this.directory = directory;
    this.models = models;
    this.audit = audit;
    this.idempotency = idempotency;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public AdminResult<CreatedKey> createKey(
      Actor actor, KeySpec spec, Optional<String> idempotencyKey) {
    TenantId tenant = spec.owner().tenant();
    if (!actor.sees(tenant)) {
      return AdminResult.notFound("tenant");
    }
    if (directory.findTenant(tenant).isEmpty()) {
      registerTenant(actor, tenant);
    }
    if (spec.role() != KeyRole.INFERENCE && !actor.isPlatform()) {
      return new AdminResult.Forbidden<>("Only the platform administrator mints tenant admin keys.");
    }
    Optional<AdminResult<CreatedKey>> invalid = checkTeam(tenant, spec.owner().team())
        .or(() -> unknown(spec.allowedModels()));
    if (invalid.isPresent()) {
      return invalid.get();
    }
    return idempotency.create(actor, "create-key", idempotencyKey,
        Idempotency.fingerprint(spec.owner(), spec.role(), spec.alias(), spec.allowedModels(),
            spec.expiresAt(), spec.metadata()),
        () -> aliasTaken(tenant, spec.alias(), Optional.empty())
            .<AdminResult<CreatedKey>>map(AdminResult.Conflict::new)
            .orElseGet(() -> mint(actor, spec)),
        created -> created.key().id().value(),
        existing -> keys.findById(KeyId.of(existing))
            .<AdminResult<CreatedKey>>map(k -> AdminResult.done(new CreatedKey.Replayed(k)))
            .orElseGet(() -> new AdminResult.Conflict<>(
                "The key this Idempotency-Key created has since been deleted.")));
  }

  /**
   * A platform administrator minting a key for a tenant id not seen before registers the tenant
   * (named by its id, with its configured or an open policy), as LiteLLM-style scripts expect;
   * the audit log records it as a create like any other.
   */
  private void registerTenant(Actor actor, TenantId tenant) {
    Tenant created = new Tenant(tenant, tenant.value(), Map.of(), clock.instant());
    if (directory.createTenant(created)) {
      audit.record(actor, Optional.of(tenant), "tenant.create", "tenant", tenant.value(),
          Map.of(), Map.of("id", tenant.value(), "name", tenant.value(),
              "registered_by", "key.create"));
    }
  }

  private AdminResult<CreatedKey> mint(Actor actor, KeySpec spec) {
    ApiKeySecret secret = KeyFormat.mint(random);
    VirtualKey key = new VirtualKey(KeyIds.next(random), secret.hash(), spec.owner(), spec.alias(),
        secret.hint(), spec.allowedModels(), spec.expiresAt(), false, clock.instant(), spec.role(),
        spec.metadata(), Optional.empty());
    try {
      keys.save(key);
    } catch (DuplicateAliasException e) {
      return new AdminResult.Conflict<>(aliasMessage(spec.alias())); // lost a race for the alias
    }
    audit.record(actor, Optional.of(key.owner().tenant()), "key.create", "key", key.id().value(),
        Map.of(), AuditViews.of(key));
    return AdminResult.done(new CreatedKey.Minted(new IssuedKey(key, secret)));
  }

  /**
   * Aliases are unique per tenant, as in LiteLLM: a second key named like a live one is a
   * conflict (an empty alias names nothing). {@code self} is the key being renamed.
   */
  private Optional<String> aliasTaken(TenantId tenant, String alias, Optional<KeyId> self) {
    return keys.findByAlias(tenant, alias)
        .filter(other -> self.isEmpty() || !other.id().equals(self.get()))
        .map(other -> aliasMessage(alias));
  }

  private static String aliasMessage(String alias) {
    return "Another key of this tenant is already named '" + alias + "'; choose another alias.";
  }

  @Override
  public AdminResult<VirtualKey> key(Actor actor, KeyId id) {
    return keys.findById(id).filter(k -> actor.sees(k.owner().tenant()))
        .<AdminResult<VirtualKey>>map(AdminResult::done)
        .orElseGet(() -> AdminResult.notFound("key"));
  }

  @Override
  public AdminResult<VirtualKey> keyByHash(Actor actor, KeyHash hash) {
    return keys.findByHash(hash).filter(k -> actor.sees(k.owner().tenant()))
        .<AdminResult<VirtualKey>>map(AdminResult::done)
        .orElseGet(() -> AdminResult.notFound("key"));
  }

  @Override
  public AdminResult<List<VirtualKey>> keys(
      Actor actor, TenantId tenant, Optional<TeamId> team, int offset, int limit) {
    if (!actor.sees(tenant) || directory.findTenant(tenant).isEmpty()) {
      return AdminResult.notFound("tenant");
    }
    return AdminResult.done(
        keys.listByTenant(tenant, team, offset, Math.min(limit, KeyStore.MAX_PAGE)));
  }

  @Override
  public AdminResult<List<VirtualKey>> keys(Actor actor, TenantId tenant, Optional<TeamId> team,
      KeyFilter filter, int offset, int limit) {
    if (!actor.sees(tenant) || directory.findTenant(tenant).isEmpty()) {
      return AdminResult.notFound("tenant");
    }
    return AdminResult.done(keys.listMatching(tenant, team, filter, clock.instant(), offset,
        Math.min(limit, KeyStore.MAX_PAGE)));
  }

  @Override
  public AdminResult<VirtualKey> updateKey(Actor actor, KeyId id, KeyChanges changes) {
    AdminResult<VirtualKey> found = key(actor, id);
    if (!(found instanceof AdminResult.Done<VirtualKey> done)) {
      return found;
    }
    VirtualKey before = done.value();
    Optional<AdminResult<VirtualKey>> invalid =
        changes.allowedModels().flatMap(this::unknown);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    VirtualKey after = before.withAttributes(
        changes.alias().orElse(before.alias()),
        changes.allowedModels().orElse(before.allowedModels()),
        changes.expiresAt().orElse(before.expiresAt()),
        changes.metadata().orElse(before.metadata()));
    after = after.withBlocked(changes.blocked().orElse(before.blocked()));
    if (after.equals(before)) {
      return found; // nothing changed: nothing saved, nothing audited
    }
    Optional<String> taken = after.alias().equals(before.alias()) ? Optional.empty()
        : aliasTaken(before.owner().tenant(), after.alias(), Optional.of(id));
    if (taken.isPresent()) {
      return new AdminResult.Conflict<>(taken.get());
    }
    try {
      keys.save(after);
    } catch (DuplicateAliasException e) {
      return new AdminResult.Conflict<>(aliasMessage(after.alias()));
    }
    String action = changes.blocked().filter(b -> b != before.blocked())
        .map(b -> b ? "key.block" : "key.unblock").orElse("key.update");
    audit.record(actor, Optional.of(before.owner().tenant()), action, "key", id.value(),
        AuditViews.of(before), AuditViews.of(after));
    return AdminResult.done(after);
  }

  @Override
  public AdminResult<IssuedKey> rotateKey(Actor actor, KeyId id, Duration grace) {
    if (grace.isNegative() || grace.compareTo(MAX_ROTATION_GRACE) > 0) {
      return new AdminResult.Invalid<>("grace_period_seconds",
          "The grace period must be 0.." + MAX_ROTATION_GRACE.toSeconds() + " seconds.");
    }
    AdminResult<VirtualKey> found = key(actor, id);
    if (!(found instanceof AdminResult.Done<VirtualKey> done)) {
      return found.refusal();
    }
    Instant now = clock.instant();
    ApiKeySecret secret = KeyFormat.mint(random);
    VirtualKey after = done.value().rotatedTo(secret.hash(), secret.hint(), now.plus(grace), now);
    keys.save(after);
    audit.record(actor, Optional.of(after.owner().tenant()), "key.rotate", "key", id.value(),
        AuditViews.of(done.value()), AuditViews.of(after));
    return AdminResult.done(new IssuedKey(after, secret));
  }

  @Override
  public AdminResult<VirtualKey> deleteKey(Actor actor, KeyId id) {
    AdminResult<VirtualKey> found = key(actor, id);
    if (!(found instanceof AdminResult.Done<VirtualKey> done)) {
      return found;
    }
    keys.delete(id);
    audit.record(actor, Optional.of(done.value().owner().tenant()), "key.delete", "key",
        id.value(), AuditViews.of(done.value()), Map.of());
    return found;
  }

  private Optional<AdminResult<CreatedKey>> checkTeam(TenantId tenant, Optional<TeamId> team) {
    if (team.isPresent() && directory.findTeam(tenant, team.get()).isEmpty()) {
      return Optional.of(new AdminResult.Invalid<>("team",
          "No team '" + team.get().value() + "' in tenant '" + tenant.value() + "'."));
    }
    return Optional.empty();
  }

  private <T> Optional<AdminResult<T>> unknown(Set<ModelName> wanted) {
    for (ModelName m : wanted) {
      if (models.find(m).isEmpty()) {
        return Optional.of(new AdminResult.Invalid<>("models",
            "The model '" + m.value() + "' is not served by this platform."));
      }
    }
    return Optional.empty();
  }
}
