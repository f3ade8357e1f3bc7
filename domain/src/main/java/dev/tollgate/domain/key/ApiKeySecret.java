package dev.tollgate.domain.key;

/**
 * The secret a client presents. Only {@link KeyFormat} makes one, so holding one means the format
 * and checksum were right. {@code toString()} never shows it; {@link #reveal()} does, once, when a
 * key is issued.
 *
 * <p>The hash is computed at most once per secret: a request parses its key once and carries this
 * object through authentication and admission, so it is hashed once per request however many
 * lookups it takes.
 */
public final class ApiKeySecret {

  private final String value;
  /** Computed on first use; a race computes the same value twice, never a different one. */
  private volatile KeyHash hash;

  ApiKeySecret(String value) {
    this.value = value;
  }

  public String reveal() {
    return value;
  }

  /** The last four characters, for masked display: {@code sk-tg-…ab12}. */
  public String hint() {
    return KeyFormat.PREFIX + "…" + value.substring(value.length() - 4);
  }

  public KeyHash hash() {
    KeyHash known = hash;
    if (known == null) {
      known = KeyHash.of(this);
      hash = known;
    }
    return known;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKeySecret other && java.security.MessageDigest.isEqual(
        value.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        other.value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKeySecret[" + hint() + "]";
  }
}
