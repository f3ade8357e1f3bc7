package dev.tollgate.domain.key;

/** A key's stable id: not secret, not derived from the secret, safe to log and to show. */
public record KeyId(String value) {

  public KeyId {
    if (value == null || value.isBlank() || value.length() > 64) {
      throw new IllegalArgumentException("KeyId must be 1..64 characters");
    }
  }

  public static KeyId of(String value) {
    return new KeyId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
