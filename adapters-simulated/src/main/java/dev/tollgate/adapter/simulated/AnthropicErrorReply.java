package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The simulator's errors on the Messages routes, in Anthropic's shape
 * {@code {"type":"error","error":{"type","message"}}} with Anthropic's type per status (529 for an
 * overloaded model, as Anthropic answers). A plain-text reply (a gateway's own) stays as it is.
 */
final class AnthropicErrorReply {

  private AnthropicErrorReply() {}

  static ErrorReply of(ErrorReply openAi) {
    if (!openAi.contentType().contains("json")) {
      return openAi;
    }
    int status = openAi.status() == 503 ? 529 : openAi.status();
    ObjectNode body = Wire.object().put("type", "error");
    body.putObject("error").put("type", type(status)).put("message", message(openAi.body()));
    return new ErrorReply(status, openAi.contentType(), Wire.bytes(body), openAi.retryAfterSeconds());
  }

  static String type(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
  }

  private static String message(byte[] openAiBody) {
    try {
      JsonNode root = Wire.MAPPER.readTree(openAiBody);
      return root.path("error").path("message").asText("simulated error");
    } catch (IOException e) {
      return "simulated error";
    }
  }
}
