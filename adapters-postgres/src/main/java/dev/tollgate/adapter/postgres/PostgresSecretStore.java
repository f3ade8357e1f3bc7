package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.SecretMapper.SecretRow;
import dev.tollgate.domain.secret.SealedSecret;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.StoredSecret;
import java.util.List;
import java.util.Optional;

/**
 * Sealed secrets in {@code sealed_secrets}. Writes take a table lock that excludes other writers
 * (secrets are written a few times a year, read at start), so "one key id only" and the
 * rotation's compare-and-swap hold across replicas without a serialization retry.
 */
public final class PostgresSecretStore implements SecretStore {

  private final Db db;

  PostgresSecretStore(Db db) {
    this.db = db;
  }

  @Override
  public PutResult put(StoredSecret secret) {
    SecretRow row = toRow(secret);
    return db.inTransaction("store a sealed secret", tx -> {
      SecretMapper sql = tx.mapper(SecretMapper.class);
      sql.lockForWrite();
      if (sql.anyUnderOtherKey(row.keyId())) {
        return PutResult.SEALED_UNDER_ANOTHER_KEY;
      }
      if (sql.byName(row.name()) == null && sql.count() >= MAX_SECRETS) {
        return PutResult.FULL;
      }
      sql.upsert(row);
      return PutResult.STORED;
    });
  }

  @Override
  public Optional<SealedSecret> find(SecretName name) {
    return Optional.ofNullable(db.read("find a sealed secret",
            tx -> tx.mapper(SecretMapper.class).byName(name.value())))
        .map(r -> toSecret(r).sealed());
  }

  @Override
  public boolean remove(SecretName name) {
    return db.inTransaction("remove a sealed secret", tx -> {
      SecretMapper sql = tx.mapper(SecretMapper.class);
      sql.lockForWrite(); // as a put: a rotation's compare-and-swap sees the store whole
      return sql.delete(name.value()) > 0;
    });
  }

  @Override
  public List<StoredSecret> all() {
    return db.read("list sealed secrets",
            tx -> tx.mapper(SecretMapper.class).all(MAX_SECRETS))
        .stream().map(PostgresSecretStore::toSecret).toList();
  }

  @Override
  public ReplaceResult replaceAll(List<StoredSecret> expected, List<StoredSecret> replacement) {
    SecretStore.requireSameNames(expected, replacement);
    List<SecretRow> before = expected.stream()
        .sorted((a, b) -> BY_NAME.compare(a.name(), b.name()))
        .map(PostgresSecretStore::toRow).toList();
    return db.inTransaction("replace every sealed secret", tx -> {
      SecretMapper sql = tx.mapper(SecretMapper.class);
      sql.lockForWrite();
      if (!sql.all(MAX_SECRETS).equals(before)) {
        return ReplaceResult.CHANGED_MEANWHILE;
      }
      replacement.forEach(s -> sql.replace(toRow(s)));
      return ReplaceResult.REPLACED;
    });
  }

  private static SecretRow toRow(StoredSecret s) {
    return new SecretRow(s.name().value(), s.sealed().keyId().value(), s.sealed().encode());
  }

  private static StoredSecret toSecret(SecretRow r) {
    return new StoredSecret(SecretName.of(r.name()), SealedSecret.parse(r.sealed()));
  }
}
