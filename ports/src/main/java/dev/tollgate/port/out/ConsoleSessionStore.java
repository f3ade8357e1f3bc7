package dev.tollgate.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * The web console's sessions, shared by every replica that uses the same store (a sign-in on one
 * replica is valid on the next, a sign-out on one ends it on all).
 */
public interface ConsoleSessionStore {

  /** Stores a new session; ids are random, so a clash is a programmer error. */
  void create(ConsoleSession session);

  /** The session with this id if it has not expired at {@code now}. */
  Optional<ConsoleSession> find(ConsoleSessionId id, Instant now);

  /** Ends the session; true if there was one. */
  boolean delete(ConsoleSessionId id);

  /** Forgets sessions expired before {@code now}; returns how many (bounded per call). */
  int expire(Instant now);
}
