package dev.tollgate.wire;

/** Byte-level checks on a JSON document that spare a parse when the answer is already known. */
public final class JsonBytes {

  private JsonBytes() {}

  /**
   * Whether {@code quotedName} (a member name with its quotes) occurs in {@code haystack[offset,
   * offset + length)} as a member whose value is an object: followed, after whitespace, by a
   * colon and, after whitespace, by {@code &#123;}. A provider's stream repeats
   * {@code "usage":null} on every chunk but the last, and the usage readers read only objects, so
   * they ask this before they parse; an occurrence inside a string is not followed by a colon
   * and a brace unless the string says so, which costs only the parse.
   */
  public static boolean hasObjectMember(byte[] haystack, int offset, int length, byte[] quotedName) {
    int end = offset + length;
    int last = end - quotedName.length;
    for (int i = offset; i <= last; i++) {
      if (haystack[i] != quotedName[0] || !matchesAt(haystack, i, quotedName)) {
        continue;
      }
      int at = whitespace(haystack, i + quotedName.length, end);
      if (at < end && haystack[at] == ':') {
        at = whitespace(haystack, at + 1, end);
        if (at < end && haystack[at] == '{') {
          return true;
        }
      }
    }
    return false;
  }

  private static int whitespace(byte[] b, int from, int end) {
    int i = from;
    while (i < end && isWhitespace(b[i])) {
      i++;
    }
    return i;
  }

  /** JSON's insignificant whitespace: space, line feed, carriage return, tab. */
  public static boolean isWhitespace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
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
