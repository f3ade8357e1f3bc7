package dev.tollgate.wire;

/** Byte-level checks on a JSON document that spare a parse when the answer is already known. */
public final class JsonBytes {

  private JsonBytes() {}

  /**
   * Whether {@code haystack[offset, offset + length)} contains {@code needle}: a stream carries
   * hundreds of events and one usage, so a reader asks this before it parses. Naive search; the
   * needles are a few bytes, so this is linear in practice and bounded by length.
   */
  public static boolean contains(byte[] haystack, int offset, int length, byte[] needle) {
    int last = offset + length - needle.length;
    for (int i = offset; i <= last; i++) {
      if (haystack[i] == needle[0] && matchesAt(haystack, i, needle)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(byte[] haystack, int at, byte[] needle) {
    for (int j = 1; j < needle.length; j++) {
      if (haystack[at + j] != needle[j]) {
        return false;
      }
    }
    return true;
  }
}
