package dev.tollgate.wire.openai;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578) read in place: each part's name, file name, type
 * and where its content lies in the body; nothing is copied. What OpenAI's audio API and its
 * SDKs send: the audio in a part named {@code file}, every other field a part of its own.
 */
final class MultipartForm {

  /** A part: its content is {@code body[start, end)}. */
  record Part(String name, Optional<String> fileName, Optional<String> contentType, int start,
      int end) {

    int length() {
      return end - start;
    }
  }

  /** More parts than any audio request has: a form of thousands of parts is refused, not walked. */
  static final int MAX_PARTS = 64;
  /** A part's header lines together. */
  private static final int MAX_HEAD_BYTES = 8 * 1024;
  private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

  private final byte[] body;
  private final List<Part> parts;

  private MultipartForm(byte[] body, List<Part> parts) {
    this.body = body;
    this.parts = parts;
  }

  /**
   * The boundary a {@code Content-Type} header names, if it is {@code multipart/form-data} with
   * one (RFC 2046: 1 to 70 characters, possibly quoted).
   */
  static Optional<String> boundary(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String[] params = contentType.split(";");
    if (!params[0].trim().toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
      return Optional.empty();
    }
    for (int i = 1; i < params.length; i++) {
      String p = params[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
        String value = p.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() || value.length() > 70 || !boundaryChars(value) ? Optional.empty()
            : Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** RFC 2046's characters of a boundary: letters, digits, {@code '()+_,-./:=?} and inner spaces. */
  private static boolean boundaryChars(String boundary) {
    for (int i = 0; i < boundary.length(); i++) {
      char c = boundary.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "'()+_,-./:=?".indexOf(c) >= 0 || (c == ' ' && i < boundary.length() - 1);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The parts of {@code body}, delimited by {@code boundary}.
   *
   * @throws IllegalArgumentException what is wrong with the form, in words a client can act on
   */
  static MultipartForm parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(ISO_8859_1);
    byte[] next = ("\r\n--" + boundary).getBytes(ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    if (at < 0 || (at > 0 && (at < 2 || body[at - 2] != '\r' || body[at - 1] != '\n'))) {
      throw new IllegalArgumentException("the body holds no part delimited by its boundary");
    }
    List<Part> parts = new ArrayList<>();
    int pos = at + delimiter.length;
    while (true) {
      if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
        return new MultipartForm(body, List.copyOf(parts)); // the close delimiter
      }
      pos = skipLine(body, pos); // transport padding, then the line break
      if (parts.size() == MAX_PARTS) {
        throw new IllegalArgumentException("the form has more than " + MAX_PARTS + " parts");
      }
      int headEnd = indexOf(body, CRLF_CRLF, pos);
      if (headEnd < 0 || headEnd - pos > MAX_HEAD_BYTES) {
        throw new IllegalArgumentException("a part's headers do not end");
      }
      String head = new String(body, pos, headEnd - pos, UTF_8);
      int start = headEnd + CRLF_CRLF.length;
      int end = indexOf(body, next, start);
      if (end < 0) {
        throw new IllegalArgumentException("a part does not end (no closing boundary)");
      }
      parts.add(part(head, start, end));
      pos = end + next.length;
    }
  }

  private static int skipLine(byte[] body, int pos) {
    int i = pos;
    while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
      i++;
    }
    if (i + 1 >= body.length || body[i] != '\r' || body[i + 1] != '\n') {
      throw new IllegalArgumentException("a boundary line is not followed by a line break");
    }
    return i + 2;
  }

  private static Part part(String head, int start, int end) {
    String name = null;
    Optional<String> fileName = Optional.empty();
    Optional<String> type = Optional.empty();
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("a part has a malformed header line");
      }
      String field = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (field.equals("content-type")) {
        type = Optional.of(value);
      } else if (field.equals("content-disposition")) {
        name = parameter(value, "name").orElse(null);
        fileName = parameter(value, "filename");
      }
    }
    if (name == null) {
      throw new IllegalArgumentException("a part has no Content-Disposition name");
    }
    return new Part(name, fileName, type, start, end);
  }

  /** A parameter of a {@code Content-Disposition} value: quoted (with backslash escapes) or not. */
  private static Optional<String> parameter(String disposition, String wanted) {
    int i = disposition.indexOf(';');
    while (i >= 0 && i < disposition.length()) {
      int eq = disposition.indexOf('=', i);
      if (eq < 0) {
        return Optional.empty();
      }
      String key = disposition.substring(i + 1, eq).trim();
      int v = eq + 1;
      StringBuilder value = new StringBuilder();
      if (v < disposition.length() && disposition.charAt(v) == '"') {
        v++;
        while (v < disposition.length() && disposition.charAt(v) != '"') {
          char c = disposition.charAt(v);
          if (c == '\\' && v + 1 < disposition.length()) {
            c = disposition.charAt(++v);
          }
          value.append(c);
          v++;
        }
        v = disposition.indexOf(';', v);
      } else {
        int semi = disposition.indexOf(';', v);
        value.append(disposition, v, semi < 0 ? disposition.length() : semi);
        v = semi;
      }
      if (key.equalsIgnoreCase(wanted)) {
        return Optional.of(value.toString().trim());
      }
      i = v;
    }
    return Optional.empty();
  }

  /**
   * The first {@code needle} in {@code haystack} at or after {@code from}, by Knuth, Morris and
   * Pratt: linear whatever the bytes, so a body of dashes against a boundary of dashes costs one
   * pass, not one per byte times the boundary's length.
   */
  static int indexOf(byte[] haystack, byte[] needle, int from) {
    int[] fallback = new int[needle.length];
    for (int i = 1, k = 0; i < needle.length; i++) {
      while (k > 0 && needle[i] != needle[k]) {
        k = fallback[k - 1];
      }
      if (needle[i] == needle[k]) {
        k++;
      }
      fallback[i] = k;
    }
    for (int i = from, k = 0; i < haystack.length; i++) {
      while (k > 0 && haystack[i] != needle[k]) {
        k = fallback[k - 1];
      }
      if (haystack[i] == needle[k]) {
        k++;
      }
      if (k == needle.length) {
        return i - needle.length + 1;
      }
    }
    return -1;
  }

  List<Part> parts() {
    return parts;
  }

  /** The parts named {@code name}, in order. */
  List<Part> named(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).toList();
  }

  /** A text part's value, as UTF-8. */
  String text(Part part) {
    return new String(body, part.start(), part.length(), UTF_8);
  }
}
