package dev.tollgate.app.http.anthropic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.app.http.ApiError;
import dev.tollgate.domain.admission.Admission.Denied;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An error as Anthropic shapes it, {@code {"type":"error","error":{"type","message"}}}, with the
 * status its type goes with, so Anthropic's SDKs raise their typed exceptions (401
 * {@code authentication_error}, 403 {@code permission_error}, 404 {@code not_found_error}, 413
 * {@code request_too_large}, 429 {@code rate_limit_error}, 529 {@code overloaded_error}, 400
 * {@code invalid_request_error}, 5xx {@code api_error}).
 *
 * @param retryable false for a refusal that waiting does not cure (an exhausted budget): sent as
 *     {@code x-should-retry: false}, which Anthropic's SDKs honour instead of retrying a 429
 */
public record AnthropicError(
    int status, String type, String message, Optional<Duration> retryAfter, boolean retryable) {

  private static final JsonFactory JSON = new JsonFactory();
  private static final HeaderName SHOULD_RETRY = HeaderNames.create("x-should-retry");

  /** Anthropic's status for an overloaded service; the SDKs retry it. */
  public static final int OVERLOADED = 529;

  /** The data-plane kit's code for an inference pool that refused for lack of capacity. */
  private static final String SATURATED = "upstream_saturated";

  public static AnthropicError invalidRequest(String message) {
    return new AnthropicError(400, "invalid_request_error", message, Optional.empty(), true);
  }

  /** An admission refusal. */
  public static AnthropicError of(Denied denied) {
    String message = denied.message();
    Optional<Duration> retry = denied.retryAfter();
    return switch (denied.reason()) {
      case MALFORMED_KEY, UNKNOWN_KEY, KEY_BLOCKED, KEY_EXPIRED, TENANT_INACTIVE ->
          new AnthropicError(401, "authentication_error", message, Optional.empty(), true);
      case WRONG_KEY_ROLE, MODEL_NOT_ALLOWED ->
          new AnthropicError(403, "permission_error", message, Optional.empty(), true);
      case MODEL_NOT_FOUND, MODEL_NOT_PRICED ->
          new AnthropicError(404, "not_found_error", message, Optional.empty(), true);
      case REQUEST_RATE_LIMITED, PARALLEL_LIMITED, TOKEN_RATE_LIMITED ->
          new AnthropicError(429, "rate_limit_error", message, retry, true);
      // Waiting a few seconds does not refill a budget: the SDKs are told not to retry.
      case BUDGET_EXHAUSTED -> new AnthropicError(429, "rate_limit_error",
          "Budget exhausted: " + message, retry, false);
      case DUPLICATE_REQUEST ->
          new AnthropicError(409, "invalid_request_error", message, Optional.empty(), true);
      case TAG_NOT_ALLOWED ->
          new AnthropicError(400, "invalid_request_error", message, Optional.empty(), true);
    };
  }

  /**
   * One of Tollgate's own OpenAI-shaped errors (missing key, body too large, busy, data plane
   * unreachable, a data plane's non-Anthropic error) in Anthropic's terms, by its status. A
   * saturated inference pool (the endpoint picker's 429, {@code upstream_saturated}) and a 503 (no
   * endpoints, or Tollgate reading too many bodies) are what Anthropic calls 529
   * {@code overloaded_error}, which the SDKs retry.
   */
  public static AnthropicError of(ApiError error) {
    boolean overloaded = error.status() == 503 || SATURATED.equals(error.code());
    int status = overloaded ? OVERLOADED : error.status();
    return new AnthropicError(status, typeOf(status), error.message(), error.retryAfter(), true);
  }

  static String typeOf(int status) {
    return switch (status) {
      case 400, 409, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402, 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case OVERLOADED -> "overloaded_error";
      default -> status < 500 ? "invalid_request_error" : "api_error";
    };
  }

  /** Sends it, unless a response already went out. */
  public void send(ServerResponse res) {
    if (res.isSent()) {
      return;
    }
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    headers().forEach(res::header);
    res.send(body());
  }

  /**
   * {@code Retry-After} in whole seconds when there is a wait; {@code x-should-retry: false} when
   * waiting does not cure the refusal.
   */
  public List<Header> headers() {
    List<Header> headers = new ArrayList<>(2);
    retryAfter.ifPresent(d -> headers.add(HeaderValues.create(HeaderNames.RETRY_AFTER,
        Long.toString(Math.max(1, (d.toMillis() + 999) / 1000)))));
    if (!retryable) {
      headers.add(HeaderValues.create(SHOULD_RETRY, "false"));
    }
    return headers;
  }

  public byte[] body() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(192);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "error");
      g.writeObjectFieldStart("error");
      g.writeStringField("type", type);
      g.writeStringField("message", message);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
