package dev.tollgate.domain.tenancy;

/** Display names: bounded, no control characters. */
final class Names {

  private Names() {}

  static String require(String kind, String value, int maxLength) {
    if (value == null || value.isBlank() || value.length() > maxLength) {
      throw new IllegalArgumentException(kind + " must be 1.." + maxLength + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(kind + " must not contain control characters");
      }
    }
    return value;
  }
}
