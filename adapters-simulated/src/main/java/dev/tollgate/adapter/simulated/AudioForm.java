package dev.tollgate.adapter.simulated;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An audio request's form as the simulator reads it: the boundary from the content type, the
 * body cut at each delimiter line, each part's name from its disposition; the text fields as
 * strings and the {@code file} part's bytes. Deliberately simpler than the gateway's reader (no
 * escaped names): the two must agree on what OpenAI's SDKs send.
 */
record AudioForm(Map<String, String> fields, byte[] file) {

  static AudioForm of(String contentType, byte[] body) {
    int b = contentType.indexOf("boundary=");
    if (!contentType.startsWith("multipart/form-data") || b < 0) {
      throw Prompts.reject(ErrorReply.invalidValue("file",
          "expected a multipart/form-data body with a boundary"));
    }
    String boundary = contentType.substring(b + "boundary=".length()).split(";")[0].trim();
    if (boundary.length() > 1 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
      boundary = boundary.substring(1, boundary.length() - 1); // RFC 2046 allows it quoted
    }
    String text = new String(body, ISO_8859_1); // one char per byte: offsets are byte offsets
    Map<String, String> fields = new HashMap<>();
    byte[] file = null;
    String delimiter = "--" + boundary;
    int at = text.indexOf(delimiter);
    while (at >= 0 && !text.startsWith("--", at + delimiter.length())) {
      int headStart = text.indexOf("\r\n", at) + 2;
      int headEnd = text.indexOf("\r\n\r\n", headStart);
      int next = text.indexOf("\r\n" + delimiter, headEnd);
      if (headStart < 2 || headEnd < 0 || next < 0) {
        throw Prompts.reject(ErrorReply.invalidValue("file", "the form does not parse"));
      }
      String head = text.substring(headStart, headEnd);
      String name = between(head, "name=\"");
      if (name != null) {
        if (name.equals("file")) {
          file = java.util.Arrays.copyOfRange(body, headEnd + 4, next);
        } else {
          fields.put(name, new String(body, headEnd + 4, next - headEnd - 4, UTF_8).trim());
        }
      }
      at = next + 2;
    }
    if (file == null) {
      throw Prompts.reject(ErrorReply.missingParameter("file"));
    }
    return new AudioForm(fields, file);
  }

  /** The quoted value after {@code open} in a part's head, where a name is not a file name's. */
  private static String between(String head, String open) {
    int i = head.indexOf("; " + open);
    if (i < 0) {
      return null;
    }
    int start = i + 2 + open.length();
    int end = head.indexOf('"', start);
    return end < 0 ? null : head.substring(start, end);
  }

  Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }
}
