package dev.tollgate.domain.tenancy;

import java.util.Map;
import java.util.TreeMap;

/** Bounds for the free-form labels an owner attaches to a key or a tenant (never secrets). */
public final class Metadata {

  public static final int MAX_ENTRIES = 32;
  public static final int MAX_NAME_LENGTH = 64;
  public static final int MAX_VALUE_LENGTH = 512;

  private Metadata() {}

  private static boolean hasNul(String s) {
    return s.indexOf('\u0000') >= 0;
  }

  /** A sorted, immutable copy; throws if any bound is exceeded. */
  public static Map<String, String> checked(Map<String, String> metadata) {
    if (metadata == null) {
      throw new IllegalArgumentException("metadata is required (possibly empty)");
    }
    if (metadata.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("metadata has at most " + MAX_ENTRIES + " entries");
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    metadata.forEach((k, v) -> {
      if (k == null || k.isEmpty() || k.length() > MAX_NAME_LENGTH) {
        throw new IllegalArgumentException("metadata names are 1.." + MAX_NAME_LENGTH + " characters");
      }
      if (v == null || v.length() > MAX_VALUE_LENGTH) {
        throw new IllegalArgumentException("metadata values are at most " + MAX_VALUE_LENGTH + " characters");
      }
      if (hasNul(k) || hasNul(v)) {
        throw new IllegalArgumentException("metadata must not contain NUL characters");
      }
      sorted.put(k, v);
    });
    return java.util.Collections.unmodifiableMap(sorted);
  }
}
