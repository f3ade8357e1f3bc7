package dev.tollgate.port.out;

/**
 * A console session as stored: the SHA-256 (hex) of the session token the browser holds in its
 * cookie. The token itself is never stored, so a copy of the table opens no session.
 */
public record ConsoleSessionId(String hash) {

  public ConsoleSessionId {
    if (hash == null || !hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a session id is a SHA-256 in lower-case hex");
    }
  }

  @Override
  public String toString() {
    return "ConsoleSessionId[" + hash.substring(0, 8) + "…]";
  }
}
