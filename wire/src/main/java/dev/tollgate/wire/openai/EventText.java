package dev.tollgate.wire.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tollgate.wire.JsonBytes;
import java.io.IOException;

/**
 * What the relay needs from one stream event's JSON (or a whole answer's), read in one streaming
 * pass without building a tree: the text it carries (chat {@code choices[].delta.content} and
 * {@code .reasoning_content}, completions {@code choices[].text}, and the Responses API's top-level
 * {@code delta} on {@code *.delta} events), whether {@code choices} is an empty array (the
 * usage-only chunk), and where the members the gateway may edit lie, so an edit splices bytes
 * instead of re-serializing: the {@code "model"} string (top level, or in a Responses event's
 * {@code response}) and the whole top-level {@code "usage"} member.
 */
public final class EventText {

  /** A byte range [start, end) of the scanned array; {@link #NONE} when absent. */
  public record Span(int start, int end) {
    public static final Span NONE = new Span(-1, -1);

    public boolean present() {
      return start >= 0;
    }
  }

  /**
   * The event's text (possibly empty), whether it had {@code "choices":[]}, whether it was one
   * complete JSON object, the model string's span (quotes included) and the span that removes the
   * {@code usage} member (with one adjacent comma).
   */
  public record Scan(String text, boolean emptyChoices, boolean object, Span model, Span usageMember) {}

  private static final Scan NOT_JSON = new Scan("", false, false, Span.NONE, Span.NONE);

  private EventText() {}

  public static Scan scan(JsonFactory json, byte[] b, int from, int len) {
    Scan fast = AsciiEventScan.scan(b, from, len);
    return fast != null ? fast : jackson(json, b, from, len);
  }

  /** The scan by Jackson's streaming parser: whatever {@link AsciiEventScan} leaves to it. */
  static Scan jackson(JsonFactory json, byte[] b, int from, int len) {
    try (JsonParser p = json.createParser(b, from, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return NOT_JSON;
      }
      StringBuilder text = new StringBuilder();
      boolean emptyChoices = false;
      String type = "";
      String responsesDelta = null;
      Span model = Span.NONE;
      int usageStart = -1;
      int usageCutEnd = -1;
      JsonToken t = p.nextToken();
      for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        int nameAt = from + (int) p.currentTokenLocation().getByteOffset();
        if (usageStart >= 0 && usageCutEnd < 0) {
          usageCutEnd = nameAt; // usage and the comma after it, up to the next member
        }
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "choices" -> emptyChoices = value == JsonToken.START_ARRAY && choices(p, text);
          case "type" -> type = value == JsonToken.VALUE_STRING ? p.getText() : "";
          case "delta" -> responsesDelta = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "model" -> model = stringSpan(p, b, from, from + len, model);
          case "response" -> model = value == JsonToken.START_OBJECT ? nestedModel(p, b, from, len)
              : model;
          case "usage" -> usageStart = nameAt;
          default -> { }
        }
        if (p.currentToken().isStructStart()) {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return NOT_JSON;
      }
      if (responsesDelta != null && type.endsWith(".delta")) {
        text.append(responsesDelta);
      }
      int close = from + (int) p.currentTokenLocation().getByteOffset();
      Span usage = usageSpan(b, from, usageStart, usageCutEnd, close);
      return new Scan(text.toString(), emptyChoices, true, model, usage);
    } catch (IOException e) {
      return NOT_JSON;
    }
  }

  /** The string value the parser is on, quotes included; {@code otherwise} if not a string. */
  private static Span stringSpan(
      JsonParser p, byte[] b, int from, int limit, Span otherwise) {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return otherwise;
    }
    int start = from + (int) p.currentTokenLocation().getByteOffset();
    int i = start + 1;
    while (i < limit && b[i] != '"') {
      i += b[i] == '\\' ? 2 : 1;
    }
    return i < limit ? new Span(start, i + 1) : otherwise;
  }

  /** A Responses event's {@code response.model} (the parser is on the object's START_OBJECT). */
  private static Span nestedModel(JsonParser p, byte[] b, int from, int len) throws IOException {
    Span model = Span.NONE;
    for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("model")) {
        model = stringSpan(p, b, from, from + len, model);
      } else {
        p.skipChildren();
      }
    }
    return model;
  }

  /**
   * A scanned document's top-level usage member alone, as {@code {"usage":…}}, or null without
   * one: what a usage reader needs, a few hundred bytes where the answer may be many kilobytes.
   * {@code member} is the scan's {@link Scan#usageMember}: the member with its one adjacent comma
   * and the whitespace around it, which this trims.
   */
  public static byte[] usageAlone(byte[] b, Span member) {
    if (!member.present()) {
      return null;
    }
    int start = member.start();
    int end = member.end();
    while (start < end && b[start] != '"') { // a leading comma and whitespace
      start++;
    }
    while (end > start && (b[end - 1] == ',' || JsonBytes.isWhitespace(b[end - 1]))) {
      end--;
    }
    if (end <= start) {
      return null;
    }
    byte[] alone = new byte[end - start + 2];
    alone[0] = '{';
    System.arraycopy(b, start, alone, 1, end - start);
    alone[alone.length - 1] = '}';
    return alone;
  }

  /**
   * The bytes that remove the usage member and keep the object well formed: up to the next
   * member's name when one follows; else from the comma before it to the closing brace.
   */
  static Span usageSpan(byte[] b, int from, int start, int cutEnd, int close) {
    if (start < 0) {
      return Span.NONE;
    }
    if (cutEnd >= 0) {
      return new Span(start, cutEnd);
    }
    int comma = start - 1;
    while (comma > from && b[comma] != ',' && b[comma] != '{') {
      comma--;
    }
    return new Span(b[comma] == ',' ? comma : start, close);
  }

  /** Reads the choices array (the parser is on its START_ARRAY); true if it is empty. */
  private static boolean choices(JsonParser p, StringBuilder text) throws IOException {
    boolean empty = true;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
      empty = false;
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("text") && value == JsonToken.VALUE_STRING) {
          text.append(p.getText());
        } else if (field.equals("delta") && value == JsonToken.START_OBJECT) {
          delta(p, text);
        } else {
          p.skipChildren();
        }
      }
    }
    return empty;
  }

  /** Reads a chat delta object (the parser is on its START_OBJECT) up to its END_OBJECT. */
  private static void delta(JsonParser p, StringBuilder text) throws IOException {
    for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ((field.equals("content") || field.equals("reasoning_content"))
          && value == JsonToken.VALUE_STRING) {
        text.append(p.getText());
      } else {
        p.skipChildren();
      }
    }
  }
}
