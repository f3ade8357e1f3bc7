package dev.tollgate.dataplane.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response head read off an {@link Http1Connection}, and how its body is framed (RFC 9112,
 * section 6.3): no body, a {@code Content-Length}, chunked, or until the server closes.
 *
 * @param keepAlive whether the connection may carry another request once the body is read
 */
record Http1Response(int status, Map<String, List<String>> headers, Framing framing,
    long contentLength, boolean keepAlive) {

  enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

  /** Bounds on what a server may send before its body. */
  static final int MAX_HEADER_FIELDS = 256;
  static final int MAX_INTERIM_RESPONSES = 8;

  /** A response the client cannot make sense of; nothing of it reaches the port. */
  static final class MalformedResponse extends IOException {
    MalformedResponse(String message) {
      super(message);
    }
  }

  /** Reads the final head, skipping interim 1xx responses (100 Continue, 103 Early Hints). */
  static Http1Response read(Http1Connection connection) throws IOException {
    for (int interim = 0; interim <= MAX_INTERIM_RESPONSES; interim++) {
      String statusLine = connection.readLine();
      boolean http11 = statusLine.startsWith("HTTP/1.1 ");
      if (!http11 && !statusLine.startsWith("HTTP/1.0 ")) {
        throw new MalformedResponse("not an HTTP/1.x status line: " + abbreviate(statusLine));
      }
      int status = status(statusLine);
      Map<String, List<String>> headers = headers(connection);
      if (status >= 200) {
        return framed(status, headers, http11);
      }
      if (status == 101) {
        throw new MalformedResponse("the server switched protocols unasked");
      }
    }
    throw new MalformedResponse("more than " + MAX_INTERIM_RESPONSES + " interim responses");
  }

  private static Http1Response framed(int status, Map<String, List<String>> headers, boolean http11)
      throws MalformedResponse {
    boolean keepAlive = http11 && !hasToken(headers.get("connection"), "close");
    if (status == 204 || status == 304) {
      return new Http1Response(status, headers, Framing.NONE, 0, keepAlive);
    }
    List<String> encodings = headers.get("transfer-encoding");
    if (encodings != null) {
      // Chunked must be the last coding; anything else is delimited by the close (RFC 9112 6.3).
      String last = encodings.getLast();
      int comma = last.lastIndexOf(',');
      boolean chunked = last.substring(comma + 1).trim().equalsIgnoreCase("chunked");
      // With a Content-Length beside it the message is ambiguous: read it, then drop the connection.
      boolean reusable = keepAlive && !headers.containsKey("content-length");
      return chunked
          ? new Http1Response(status, headers, Framing.CHUNKED, -1, reusable)
          : new Http1Response(status, headers, Framing.UNTIL_CLOSE, -1, false);
    }
    List<String> lengths = headers.get("content-length");
    if (lengths != null) {
      long length = contentLength(lengths);
      return new Http1Response(status, headers, length == 0 ? Framing.NONE : Framing.LENGTH,
          length, keepAlive);
    }
    return new Http1Response(status, headers, Framing.UNTIL_CLOSE, -1, false);
  }

  private static int status(String line) throws MalformedResponse {
    // "HTTP/1.1 200 OK": three digits at 9..11, then a space or the end of the line.
    if (line.length() < 12 || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new MalformedResponse("no status code in: " + abbreviate(line));
    }
    int code = 0;
    for (int i = 9; i < 12; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedResponse("no status code in: " + abbreviate(line));
      }
      code = code * 10 + (c - '0');
    }
    if (code < 100) {
      throw new MalformedResponse("no status code in: " + abbreviate(line));
    }
    return code;
  }

  /** Header fields up to the empty line; names lower-cased, values trimmed, repeats kept in order. */
  private static Map<String, List<String>> headers(Http1Connection connection) throws IOException {
    Map<String, List<String>> headers = new HashMap<>();
    List<String> last = null;
    for (int fields = 0; ; fields++) {
      String line = connection.readLine();
      if (line.isEmpty()) {
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
      }
      if (fields == MAX_HEADER_FIELDS) {
        throw new MalformedResponse("more than " + MAX_HEADER_FIELDS + " header fields");
      }
      char first = line.charAt(0);
      if ((first == ' ' || first == '\t') && last != null) {
        // An obsolete folded continuation: joined to the previous value with one space.
        last.set(last.size() - 1, last.getLast() + ' ' + line.trim());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(colon - 1) == '\t') {
        throw new MalformedResponse("a malformed header field: " + abbreviate(line));
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      last = headers.computeIfAbsent(name, n -> new ArrayList<>(1));
      last.add(line.substring(colon + 1).trim());
    }
  }

  private static long contentLength(List<String> values) throws MalformedResponse {
    long length = -1;
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        long parsed;
        try {
          parsed = Long.parseLong(part.trim());
        } catch (NumberFormatException e) {
          throw new MalformedResponse("a malformed content-length: " + abbreviate(value));
        }
        if (parsed < 0 || (length >= 0 && parsed != length)) {
          throw new MalformedResponse("a malformed content-length: " + abbreviate(value));
        }
        length = parsed;
      }
    }
    return length;
  }

  private static boolean hasToken(List<String> values, String token) {
    if (values == null) {
      return false;
    }
    for (String value : values) {
      for (String part : value.split(",")) {
        if (part.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
