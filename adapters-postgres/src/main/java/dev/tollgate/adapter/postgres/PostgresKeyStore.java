package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.KeyMapper.KeyRow;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.SessionBudget;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.RetiredHash;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.DuplicateAliasException;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;

/**
 * Keys in {@code virtual_keys}: by id (primary key) and by hash, current or previous (each unique,
 * and {@code key_hashes} keeps a hash on one key only, whichever column holds it).
 */
public final class PostgresKeyStore implements KeyStore {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String ALIAS_INDEX = "virtual_keys_alias_unique";

  private final Db db;

  PostgresKeyStore(Db db) {
    this.db = db;
  }

  @Override
  public void save(VirtualKey key) {
    KeyRow row = toRow(key);
    try {
      db.read("save key", tx -> tx.mapper(KeyMapper.class).save(row));
    } catch (StoreUnavailableException e) {
      // An alias (its partial unique index) or a hash can collide (virtual_keys' own unique
      // hashes, or key_hashes across current and previous): a conflict on the id is the upsert's.
      if (UNIQUE_VIOLATION.equals(Db.sqlState(e))) {
        if (ALIAS_INDEX.equals(constraint(e))) {
          throw new DuplicateAliasException(key.alias(), e);
        }
        throw new IllegalArgumentException("another key already has this hash", e);
      }
      throw e;
    }
  }

  @Override
  public Optional<VirtualKey> findByHash(KeyHash hash) {
    return Optional.ofNullable(db.read("find key by hash",
        tx -> tx.mapper(KeyMapper.class).byHash(hash.hex()))).map(PostgresKeyStore::toKey);
  }

  @Override
  public Optional<VirtualKey> findById(KeyId id) {
    return Optional.ofNullable(db.read("find key by id",
        tx -> tx.mapper(KeyMapper.class).byId(id.value()))).map(PostgresKeyStore::toKey);
  }

  @Override
  public Optional<VirtualKey> findByAlias(TenantId tenant, String alias) {
    if (alias.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(db.read("find key by alias",
        tx -> tx.mapper(KeyMapper.class).byAlias(tenant.value(), alias)))
        .map(PostgresKeyStore::toKey);
  }

  @Override
  public boolean delete(KeyId id) {
    return db.read("delete key", tx -> tx.mapper(KeyMapper.class).delete(id.value())) == 1;
  }

  @Override
  public List<VirtualKey> listByTenant(
      TenantId tenant, Optional<TeamId> team, int offset, int limit) {
    if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("offset >= 0 and limit 0.." + MAX_PAGE);
    }
    String teamId = team.map(TeamId::value).orElse(null);
    return db.read("list keys",
            tx -> tx.mapper(KeyMapper.class).byTenant(tenant.value(), teamId, offset, limit))
        .stream().map(PostgresKeyStore::toKey).toList();
  }

  @Override
  public List<VirtualKey> listMatching(TenantId tenant, Optional<TeamId> team,
      dev.tollgate.domain.key.KeyFilter filter, java.time.Instant now, int offset, int limit) {
    if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("offset >= 0 and limit 0.." + MAX_PAGE);
    }
    String teamId = team.map(TeamId::value).orElse(null);
    String text = filter.text().orElse(null);
    String state = filter.state().map(Enum::name).orElse(null);
    return db.read("list matching keys", tx -> tx.mapper(KeyMapper.class)
            .byTenantMatching(tenant.value(), teamId, text, state, now, offset, limit))
        .stream().map(PostgresKeyStore::toKey).toList();
  }

  /** The constraint a PostgreSQL error names (a unique violation's index), or null. */
  private static String constraint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
        return p.getServerErrorMessage().getConstraint();
      }
    }
    return null;
  }

  private static KeyRow toRow(VirtualKey k) {
    return new KeyRow(
        k.id().value(),
        k.hash().hex(),
        k.owner().tenant().value(),
        k.owner().team().map(TeamId::value).orElse(null),
        k.alias(),
        k.hint(),
        k.allowedModels().stream().map(ModelName::value).sorted().toArray(String[]::new),
        k.expiresAt().orElse(null),
        k.blocked(),
        k.createdAt(),
        k.role().name(),
        Labels.names(k.metadata()),
        Labels.values(k.metadata()),
        k.previous().map(p -> p.hash().hex()).orElse(null),
        k.previous().map(RetiredHash::validUntil).orElse(null),
        k.legacyFormat(),
        k.sessionBudget().map(b -> b.limit().nanoUsd()).orElse(null),
        k.sessionBudget().map(b -> b.period().name()).orElse(null));
  }

  private static VirtualKey toKey(KeyRow r) {
    return new VirtualKey(
        KeyId.of(r.id()),
        new KeyHash(r.keyHash()),
        new Owner(TenantId.of(r.tenantId()), Optional.ofNullable(r.teamId()).map(TeamId::of)),
        r.alias(),
        r.hint(),
        Set.copyOf(Arrays.stream(r.allowedModels()).map(ModelName::of).toList()),
        Optional.ofNullable(r.expiresAt()),
        r.blocked(),
        r.createdAt(),
        KeyRole.valueOf(r.role()),
        Labels.of(r.metadataNames(), r.metadataValues()),
        Optional.ofNullable(r.previousKeyHash())
            .map(h -> new RetiredHash(new KeyHash(h), r.previousValidUntil())),
        r.legacyFormat(),
        Optional.ofNullable(r.sessionBudgetNanoUsd()).map(n -> new SessionBudget(
            Money.ofNanoUsd(n), BudgetPeriod.named(r.sessionBudgetPeriod()).orElseThrow())));
  }
}
