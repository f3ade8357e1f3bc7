package dev.tollgate.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * A signed-in web console user: which credential signed in, so that every request is checked
 * against that same credential again (the console adds no authorization of its own).
 *
 * @param tenant empty for the platform administrator (the master key), else the tenant admin key's
 *     tenant
 * @param credentialHash SHA-256 (hex) of the credential that signed in: for a tenant admin key its
 *     stored key hash (looked up again on every request, so a blocked, deleted or rotated-away key
 *     ends the session); for the master key its hash (a server with another master key refuses it)
 * @param expiresAt the session ends then, whatever happens before
 */
public record ConsoleSession(
    ConsoleSessionId id,
    Optional<String> tenant,
    String credentialHash,
    Instant createdAt,
    Instant expiresAt) {

  public ConsoleSession {
    if (id == null || tenant == null || credentialHash == null || createdAt == null
        || expiresAt == null || !createdAt.isBefore(expiresAt)) {
      throw new IllegalArgumentException("a session needs an id, a credential and a lifetime");
    }
    if (!credentialHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("the credential is held as a SHA-256 in lower-case hex");
    }
  }

  public boolean isPlatform() {
    return tenant.isEmpty();
  }
}
