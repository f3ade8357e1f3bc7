package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.IdempotencyMapper.IdempotencyRow;
import dev.tollgate.port.out.IdempotencyRecord;
import dev.tollgate.port.out.IdempotencyStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys in {@code idempotency_keys}, one row per (scope, key). A claim is an {@code
 * INSERT ... ON CONFLICT DO NOTHING}: the primary key lets exactly one of any number of
 * concurrent claims insert (the others wait for it to commit, then conflict), and a loser reads
 * the winner's row.
 */
public final class PostgresIdempotencyStore implements IdempotencyStore {

  /** Rows per expiry statement, and statements per {@link #expire} call. */
  static final int EXPIRE_BATCH = 10_000;
  static final int MAX_EXPIRE_BATCHES = 1_000;

  private final Db db;

  PostgresIdempotencyStore(Db db) {
    this.db = db;
  }

  @Override
  public Optional<IdempotencyRecord> claim(IdempotencyRecord pending) {
    IdempotencyRow row = new IdempotencyRow(pending.scope(), pending.key(), pending.fingerprint(),
        pending.resultId().orElse(null), pending.createdAt());
    // A row released between our conflict and our read is gone: claim again (bounded by Db).
    return db.inTransaction("claim idempotency key", tx -> {
      IdempotencyMapper mapper = tx.mapper(IdempotencyMapper.class);
      if (mapper.claim(row) == 1) {
        return Optional.<IdempotencyRecord>empty();
      }
      IdempotencyRow there = mapper.find(pending.scope(), pending.key());
      if (there == null) {
        throw new Db.RaceLost("the idempotency key was released while being claimed");
      }
      return Optional.of(toRecord(there));
    });
  }

  @Override
  public void complete(String scope, String key, String resultId) {
    db.read("complete idempotency key",
        tx -> tx.mapper(IdempotencyMapper.class).complete(scope, key, resultId));
  }

  @Override
  public void release(String scope, String key) {
    db.read("release idempotency key",
        tx -> tx.mapper(IdempotencyMapper.class).release(scope, key));
  }

  @Override
  public int expire(Instant cutoff) {
    int expired = 0;
    for (int batch = 0; batch < MAX_EXPIRE_BATCHES; batch++) {
      int deleted = db.read("expire idempotency keys",
          tx -> tx.mapper(IdempotencyMapper.class).expireSome(cutoff, EXPIRE_BATCH));
      expired += deleted;
      if (deleted < EXPIRE_BATCH) {
        break;
      }
    }
    return expired;
  }

  private static IdempotencyRecord toRecord(IdempotencyRow r) {
    return new IdempotencyRecord(r.scope(), r.key(), r.fingerprint(),
        Optional.ofNullable(r.resultId()), r.createdAt());
  }
}
