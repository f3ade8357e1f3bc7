package dev.tollgate.wire.anthropic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces the values of named top-level fields in a JSON body's bytes and leaves every other byte
 * as the client sent it: key order, whitespace, number spellings and string escapes of the tools,
 * thinking and {@code cache_control} blocks stay exactly as they were, so the upstream sees what
 * the client wrote (Anthropic's prompt cache keys on the prompt's exact content). Only scalar
 * values are replaced; a field given twice is replaced both times.
 */
public final class BodySplice {

  private static final JsonFactory JSON = new JsonFactory();

  private record Span(int from, int to, String replacement) {}

  private BodySplice() {}

  /**
   * {@code body} with each top-level field of {@code replacements} given that JSON literal.
   *
   * @throws IOException if the body is not a JSON object (it was parsed once already, so this is
   *     a programmer error at the call site)
   */
  public static byte[] replaceTopLevel(byte[] body, Map<String, String> replacements) throws IOException {
    List<Span> spans = new ArrayList<>(replacements.size());
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (replacements.containsKey(name) && value.isScalarValue()) {
          int from = (int) p.currentTokenLocation().getByteOffset();
          p.getText(); // reads the whole token, so the location is just past it
          int to = (int) p.currentLocation().getByteOffset();
          spans.add(new Span(from, to, replacements.get(name)));
        } else {
          p.skipChildren();
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    int at = 0;
    for (Span s : spans) {
      out.write(body, at, s.from() - at);
      out.writeBytes(s.replacement().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      at = s.to();
    }
    out.write(body, at, body.length - at);
    return out.toByteArray();
  }

  /** A string as a JSON literal (model names hold no control characters; escaped anyway). */
  public static String quoted(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
