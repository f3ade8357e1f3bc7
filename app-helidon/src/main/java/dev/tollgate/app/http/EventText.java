package dev.tollgate.app.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What the relay needs from one stream event's JSON, read in one streaming pass without building
 * a tree: the text it carries (chat {@code choices[].delta.content} and
 * {@code .reasoning_content}, completions {@code choices[].text}, and the Responses API's top-level
 * {@code delta} on {@code *.delta} events), and whether {@code choices} is an empty array (the
 * usage-only chunk).
 */
final class EventText {

  /** The event's text (possibly empty) and whether it had {@code "choices":[]}. */
  record Scan(String text, boolean emptyChoices) {}

  private static final Scan NOT_JSON = new Scan("", false);

  private EventText() {}

  static Scan scan(JsonFactory json, byte[] b, int from, int len) {
    try (JsonParser p = json.createParser(b, from, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return NOT_JSON;
      }
      StringBuilder text = new StringBuilder();
      boolean emptyChoices = false;
      String type = "";
      String responsesDelta = null;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "choices" -> emptyChoices = value == JsonToken.START_ARRAY && choices(p, text);
          case "type" -> type = value == JsonToken.VALUE_STRING ? p.getText() : "";
          case "delta" -> responsesDelta = value == JsonToken.VALUE_STRING ? p.getText() : null;
          default -> { }
        }
        if (p.currentToken().isStructStart()) {
          p.skipChildren();
        }
      }
      if (responsesDelta != null && type.endsWith(".delta")) {
        text.append(responsesDelta);
      }
      return new Scan(text.toString(), emptyChoices);
    } catch (IOException e) {
      return NOT_JSON;
    }
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
