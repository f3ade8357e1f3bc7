package dev.tollgate.app.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.port.out.UpstreamError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * An error as OpenAI shapes it: {@code {"error":{"message","type","param","code"}}}, with the
 * status and an optional Retry-After. Every failure a client can see is one of these; the
 * mapping from business denials lives in {@link #of(Denied)}.
 */
public record ApiError(
    int status, String type, String code, String message, String param, Optional<Duration> retryAfter) {

  private static final JsonFactory JSON = new JsonFactory();

  public static ApiError invalidRequest(String message, String param) {
    return new ApiError(400, "invalid_request_error", "invalid_request", message, param, Optional.empty());
  }

  public static ApiError of(UpstreamError e) {
    return new ApiError(
        e.status(), e.type(), e.code(), e.message(), e.param().orElse(null), e.retryAfter());
  }

  public static ApiError of(Denied denied) {
    String message = denied.message();
    Optional<Duration> retry = denied.retryAfter();
    return switch (denied.reason()) {
      case MALFORMED_KEY, UNKNOWN_KEY -> auth("invalid_api_key", message);
      case KEY_BLOCKED -> auth("key_blocked", message);
      case KEY_EXPIRED -> auth("key_expired", message);
      case TENANT_INACTIVE -> auth("organization_inactive", message);
      case WRONG_KEY_ROLE -> auth("wrong_key_role", message);
      case MODEL_NOT_FOUND, MODEL_NOT_PRICED ->
          new ApiError(404, "invalid_request_error", "model_not_found", message, "model", retry);
      case MODEL_NOT_ALLOWED ->
          new ApiError(403, "invalid_request_error", "model_not_allowed", message, "model", retry);
      case REQUEST_RATE_LIMITED, PARALLEL_LIMITED ->
          new ApiError(429, "requests", "rate_limit_exceeded", message, null, retry);
      case TOKEN_RATE_LIMITED ->
          new ApiError(429, "tokens", "rate_limit_exceeded", message, null, retry);
      case BUDGET_EXHAUSTED ->
          new ApiError(429, "insufficient_quota", "insufficient_quota", message, null, retry);
      case DUPLICATE_REQUEST ->
          new ApiError(409, "invalid_request_error", "duplicate_request_id", message, null, retry);
      case TAG_NOT_ALLOWED ->
          new ApiError(400, "invalid_request_error", "tag_not_allowed", message, "tags", retry);
    };
  }

  private static ApiError auth(String code, String message) {
    return new ApiError(401, "invalid_request_error", code, message, null, Optional.empty());
  }

  /** The JSON body. */
  public byte[] body() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("message", message);
      g.writeStringField("type", type);
      g.writeStringField("param", param);
      g.writeStringField("code", code);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Retry-After in whole seconds, rounded up, at least 1. */
  public Optional<String> retryAfterSeconds() {
    return retryAfter.map(d -> Long.toString(Math.max(1, (d.toMillis() + 999) / 1000)));
  }
}
