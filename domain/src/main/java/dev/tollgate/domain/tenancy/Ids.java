package dev.tollgate.domain.tenancy;

/** Shared validation for the one-field id records. */
final class Ids {
  static final int MAX_LENGTH = 128;

  private Ids() {}

  static String require(String kind, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(kind + " must be 1.." + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(kind + " must be printable ASCII without spaces");
      }
    }
    return value;
  }
}
