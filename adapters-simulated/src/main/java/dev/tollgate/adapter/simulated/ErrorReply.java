package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * An error answer in OpenAI's shape {@code {"error":{"message","type","param","code"}}}, or, for
 * {@link #textUnavailable()}, the {@code text/plain} kind a gateway in front of a model sends itself.
 */
record ErrorReply(int status, String contentType, byte[] body, Optional<String> retryAfterSeconds) {

  private static final String JSON = "application/json";

  static ErrorReply invalidJson() {
    return openAi(400, "We could not parse the JSON body of your request. The simulator expects a"
        + " JSON object.", "invalid_request_error", null, null);
  }

  static ErrorReply missingParameter(String param) {
    return openAi(400, "Missing required parameter: '" + param + "'.", "invalid_request_error", param,
        "missing_required_parameter");
  }

  static ErrorReply invalidValue(String param, String message) {
    return openAi(400, message, "invalid_request_error", param, "invalid_value");
  }

  static ErrorReply invalidHeader(String header, String message) {
    return openAi(400, header + ": " + message, "invalid_request_error", null, "invalid_header");
  }

  static ErrorReply modelNotFound(String model) {
    return openAi(404, "The model `" + model + "` does not exist or you do not have access to it.",
        "invalid_request_error", "model", "model_not_found");
  }

  static ErrorReply rateLimited() {
    return withRetryAfter(openAi(429, "Rate limit reached for requests (simulated). Please try again"
        + " in 1s.", "requests", null, "rate_limit_exceeded"));
  }

  static ErrorReply serverError() {
    return openAi(500, "The server had an error while processing your request (simulated).",
        "server_error", null, null);
  }

  static ErrorReply overloaded() {
    return withRetryAfter(openAi(503, "The model is currently overloaded (simulated). Please try"
        + " again later.", "server_error", null, "service_unavailable"));
  }

  /** Like a gateway's own rejection: plain text, no JSON, so a client must re-wrap it. */
  static ErrorReply textUnavailable() {
    return new ErrorReply(503, "text/plain; charset=utf-8",
        Wire.utf8("no healthy upstream (simulated)"), Optional.of("1"));
  }

  static ErrorReply internal() {
    return openAi(500, "The simulator failed unexpectedly.", "server_error", null, null);
  }

  void send(ServerResponse res) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, contentType);
    retryAfterSeconds.ifPresent(seconds -> res.header(HeaderNames.RETRY_AFTER, seconds));
    res.send(body);
  }

  private static ErrorReply openAi(int status, String message, String type, String param, String code) {
    ObjectNode error = Wire.object();
    error.put("message", message).put("type", type).put("param", param).put("code", code);
    ObjectNode body = Wire.object();
    body.set("error", error);
    return new ErrorReply(status, JSON, Wire.bytes(body), Optional.empty());
  }

  private static ErrorReply withRetryAfter(ErrorReply reply) {
    return new ErrorReply(reply.status, reply.contentType, reply.body, Optional.of("1"));
  }
}
