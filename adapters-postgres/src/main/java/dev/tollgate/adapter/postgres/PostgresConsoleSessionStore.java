package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.ConsoleSessionMapper.SessionRow;
import dev.tollgate.port.out.ConsoleSession;
import dev.tollgate.port.out.ConsoleSessionId;
import dev.tollgate.port.out.ConsoleSessionStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Console sessions in {@code console_sessions}, one row per session, so every replica on the
 * schema sees a sign-in and a sign-out at once. A lookup is one primary-key read (the console is
 * not on the /v1 path).
 */
public final class PostgresConsoleSessionStore implements ConsoleSessionStore {

  /** Rows per expiry statement, and statements per {@link #expire} call. */
  static final int EXPIRE_BATCH = 10_000;
  static final int MAX_EXPIRE_BATCHES = 100;

  private final Db db;

  PostgresConsoleSessionStore(Db db) {
    this.db = db;
  }

  @Override
  public void create(ConsoleSession s) {
    SessionRow row = new SessionRow(s.id().hash(), s.tenant().orElse(null), s.credentialHash(),
        s.createdAt(), s.expiresAt());
    db.read("create console session", tx -> tx.mapper(ConsoleSessionMapper.class).insert(row));
  }

  @Override
  public Optional<ConsoleSession> find(ConsoleSessionId id, Instant now) {
    SessionRow row = db.read("find console session",
        tx -> tx.mapper(ConsoleSessionMapper.class).find(id.hash(), now));
    return Optional.ofNullable(row).map(r -> new ConsoleSession(new ConsoleSessionId(r.idHash()),
        Optional.ofNullable(r.tenantId()), r.credentialHash(), r.createdAt(), r.expiresAt()));
  }

  @Override
  public boolean delete(ConsoleSessionId id) {
    return db.read("delete console session",
        tx -> tx.mapper(ConsoleSessionMapper.class).delete(id.hash())) > 0;
  }

  @Override
  public int expire(Instant now) {
    int expired = 0;
    for (int batch = 0; batch < MAX_EXPIRE_BATCHES; batch++) {
      int deleted = db.read("expire console sessions",
          tx -> tx.mapper(ConsoleSessionMapper.class).expireSome(now, EXPIRE_BATCH));
      expired += deleted;
      if (deleted < EXPIRE_BATCH) {
        break;
      }
    }
    return expired;
  }
}
