package dev.tollgate.wire.openai;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.port.out.UpstreamResponseHead;
import java.io.IOException;
import java.util.Optional;

/**
 * What an error body said, whatever its shape: OpenAI's {@code {"error":{message,type,code}}},
 * Envoy AI Gateway's {@code {"type":"error","error":{...}}} (whose message may itself be the
 * upstream's JSON error, unwrapped once), vLLM's top-level {@code {"message","type","code"}},
 * FastAPI's {@code {"detail":"..."}}, or plain text. Only the first
 * {@link OpenAiErrors#MAX_BODY_BYTES} bytes are looked at; messages are folded to one line of at
 * most {@link #MAX_MESSAGE_CHARS} characters.
 *
 * @param structured true if the body was a JSON error object (the upstream meant to say something)
 * @param message what to show, possibly empty
 * @param param the request field the error names, when it names one
 */
record ErrorBody(boolean structured, String message, Optional<String> type, Optional<String> code,
    Optional<String> param) {

  ErrorBody(boolean structured, String message, Optional<String> type, Optional<String> code) {
    this(structured, message, type, code, Optional.empty());
  }

  static final int MAX_MESSAGE_CHARS = 500;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static ErrorBody of(UpstreamResponseHead head, byte[] body) {
    int length = Math.min(body.length, OpenAiErrors.MAX_BODY_BYTES);
    if (head.isJson() || startsWithBrace(body, length)) {
      Optional<ErrorBody> json = json(body, length);
      if (json.isPresent()) {
        return json.get();
      }
    }
    return new ErrorBody(false, oneLine(new String(body, 0, length, UTF_8)), Optional.empty(),
        Optional.empty());
  }

  private static Optional<ErrorBody> json(byte[] body, int length) {
    try {
      return fromRoot(MAPPER.readTree(body, 0, length), true);
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  private static Optional<ErrorBody> fromRoot(JsonNode root, boolean mayUnwrap) {
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    JsonNode error = root.path("error");
    if (error.isObject()) {
      return Optional.of(fromObject(error, mayUnwrap));
    }
    if (error.isTextual()) {
      return Optional.of(new ErrorBody(true, oneLine(error.asText()), text(root, "type"),
          text(root, "code"), text(root, "param")));
    }
    if (root.path("message").isTextual()) {
      return Optional.of(fromObject(root, mayUnwrap));
    }
    if (root.path("detail").isTextual()) {
      return Optional.of(
          new ErrorBody(true, oneLine(root.get("detail").asText()), Optional.empty(),
              Optional.empty()));
    }
    return Optional.empty();
  }

  /** An error object; a message that is itself a JSON error (Envoy's wrapping) is unwrapped once. */
  private static ErrorBody fromObject(JsonNode error, boolean mayUnwrap) {
    String message = error.path("message").asText("");
    if (mayUnwrap && message.trim().startsWith("{")) {
      try {
        Optional<ErrorBody> inner = fromRoot(MAPPER.readTree(message), false);
        if (inner.isPresent()) {
          return inner.get();
        }
      } catch (IOException notJson) {
        // Not an embedded error after all: keep the message as text.
      }
    }
    return new ErrorBody(true, oneLine(message), text(error, "type"), text(error, "code"),
        text(error, "param"));
  }

  private static Optional<String> text(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (!node.isTextual()) {
      return Optional.empty();
    }
    String value = oneLine(node.asText());
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static boolean startsWithBrace(byte[] body, int length) {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(body[i])) {
        return body[i] == '{';
      }
    }
    return false;
  }

  /** Trimmed, whitespace and control characters folded to single spaces, bounded in length. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_MESSAGE_CHARS));
    boolean pendingSpace = false;
    for (int i = 0; i < text.length() && out.length() < MAX_MESSAGE_CHARS; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    int end = Math.min(out.length(), MAX_MESSAGE_CHARS);
    if (end > 0 && Character.isHighSurrogate(out.charAt(end - 1))) {
      end--; // never leave half a character at the cut
    }
    return out.substring(0, end);
  }
}
