package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.ConsoleSession;
import dev.tollgate.port.out.ConsoleSessionId;
import dev.tollgate.port.out.ConsoleSessionStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Console sessions of one process (the memory store serves one process anyway). */
public final class InMemoryConsoleSessionStore implements ConsoleSessionStore {

  /** Sessions held at most; sign-ins beyond it are a programmer's or an attacker's loop. */
  static final int MAX_SESSIONS = 100_000;

  private final Map<ConsoleSessionId, ConsoleSession> sessions = new ConcurrentHashMap<>();

  @Override
  public void create(ConsoleSession session) {
    if (sessions.size() >= MAX_SESSIONS) {
      expire(session.createdAt());
      if (sessions.size() >= MAX_SESSIONS) {
        throw new IllegalStateException("too many console sessions");
      }
    }
    if (sessions.putIfAbsent(session.id(), session) != null) {
      throw new IllegalArgumentException("session id already used");
    }
  }

  @Override
  public Optional<ConsoleSession> find(ConsoleSessionId id, Instant now) {
    return Optional.ofNullable(sessions.get(id)).filter(s -> now.isBefore(s.expiresAt()));
  }

  @Override
  public boolean delete(ConsoleSessionId id) {
    return sessions.remove(id) != null;
  }

  @Override
  public int expire(Instant now) {
    int before = sessions.size();
    sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    return Math.max(0, before - sessions.size());
  }
}
