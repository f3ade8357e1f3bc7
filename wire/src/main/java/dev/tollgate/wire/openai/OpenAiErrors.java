package dev.tollgate.wire.openai;

import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamResponseHead;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a non-2xx data-plane response means for Tollgate's client, in OpenAI's error terms. The body
 * is read by {@link ErrorBody} (OpenAI JSON kept, Envoy's wrapping undone, text re-wrapped); the
 * status decides who is at fault:
 *
 * <table>
 *   <caption>upstream status → what the client gets</caption>
 *   <tr><th>upstream</th><th>client</th><th>type</th><th>code</th><th>Retry-After</th></tr>
 *   <tr><td>400, 422</td><td>400</td><td>upstream's, else invalid_request_error</td>
 *       <td>upstream's, else invalid_request</td><td>-</td></tr>
 *   <tr><td>401, 403</td><td>502</td><td>upstream_error</td><td>upstream_auth_failed</td>
 *       <td>-</td></tr>
 *   <tr><td>404 JSON naming a missing model</td><td>404</td><td>invalid_request_error</td>
 *       <td>model_not_found</td><td>-</td></tr>
 *   <tr><td>404 otherwise</td><td>502</td><td>upstream_error</td><td>upstream_no_route</td>
 *       <td>-</td></tr>
 *   <tr><td>408, 504</td><td>504</td><td>upstream_error</td><td>upstream_timeout</td>
 *       <td>if sent</td></tr>
 *   <tr><td>413</td><td>413</td><td>upstream's, else invalid_request_error</td>
 *       <td>upstream's, else request_too_large</td><td>-</td></tr>
 *   <tr><td>429</td><td>429</td><td>rate_limit_error</td><td>upstream_saturated</td>
 *       <td>upstream's, else 1 s</td></tr>
 *   <tr><td>503, 529</td><td>503</td><td>upstream_error</td><td>upstream_unavailable</td>
 *       <td>upstream's, else 5 s</td></tr>
 *   <tr><td>other 4xx with a JSON error</td><td>same</td><td>upstream's</td>
 *       <td>upstream's, else upstream_rejected</td><td>-</td></tr>
 *   <tr><td>any other status</td><td>502</td><td>upstream_error</td><td>upstream_error</td>
 *       <td>if sent</td></tr>
 * </table>
 *
 * <p>Where the client gets the upstream's type and code (a 4xx the client caused, and the 404 of a
 * missing model), it also gets the upstream's {@code param}, the field to fix.
 *
 * <p>Why: the client's key was good, so an upstream 401/403 is the platform's credential failing
 * and must not read as the client's 401; its message is replaced because it may describe that
 * credential. A 404 without a model error means the data plane had no route for a model Tollgate
 * admitted: a configuration gap, not the client's mistake. 429 (the endpoint picker is saturated,
 * often with {@code x-llm-d-request-dropped-reason}) and 503 (no endpoints, scaled to zero) are
 * transient, so they always carry a Retry-After. Unstructured 4xx other than those are the
 * platform's own rejections and become 502. Messages are bounded, one-line text; a plain-text body
 * is the message, an empty one gives way to the dropped-reason header or a generic sentence.
 */
public final class OpenAiErrors {

  /** The most of an error body anyone needs to read. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  static final Duration SATURATED_RETRY = Duration.ofSeconds(1);
  static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(5);
  static final String UPSTREAM_ERROR = "upstream_error";
  static final String DROPPED_REASON = "x-llm-d-request-dropped-reason";

  private final Clock clock;

  /** @param clock reads "now" for a Retry-After given as an HTTP-date */
  public OpenAiErrors(Clock clock) {
    if (clock == null) {
      throw new IllegalArgumentException("clock is required");
    }
    this.clock = clock;
  }

  /** Reads at most {@link #MAX_BODY_BYTES} of an error body; the rest is left unread. */
  public static byte[] readBounded(InputStream body) throws IOException {
    return body.readNBytes(MAX_BODY_BYTES);
  }

  public UpstreamError of(UpstreamResponseHead head, byte[] body) {
    ErrorBody said = ErrorBody.of(head, body);
    Optional<Duration> retryAfter =
        head.header("retry-after").flatMap(value -> RetryAfter.parse(value, clock.instant()));
    int status = head.status();
    String message = message(head, said);
    return switch (status) {
      case 400, 422 -> client(400, said, "invalid_request", message);
      case 401, 403 -> new UpstreamError(502, UPSTREAM_ERROR, "upstream_auth_failed",
          "the platform's upstream credential was rejected (upstream status " + status + ")",
          Optional.empty());
      case 404 -> notFound(said, message);
      case 408, 504 -> new UpstreamError(504, UPSTREAM_ERROR, "upstream_timeout", message,
          retryAfter);
      case 413 -> client(413, said, "request_too_large", message);
      case 429 -> new UpstreamError(429, "rate_limit_error", "upstream_saturated", message,
          Optional.of(retryAfter.orElse(SATURATED_RETRY)));
      case 503, 529 -> new UpstreamError(503, UPSTREAM_ERROR, "upstream_unavailable", message,
          Optional.of(retryAfter.orElse(UNAVAILABLE_RETRY)));
      default -> otherwise(status, said, message, retryAfter);
    };
  }

  private static UpstreamError client(int status, ErrorBody said, String code, String message) {
    return new UpstreamError(status, said.type().orElse("invalid_request_error"),
        said.code().orElse(code), message, Optional.empty(), said.param());
  }

  private static UpstreamError notFound(ErrorBody said, String message) {
    if (said.structured() && namesMissingModel(said)) {
      return new UpstreamError(404, "invalid_request_error", "model_not_found", message,
          Optional.empty(), Optional.of("model"));
    }
    return new UpstreamError(502, UPSTREAM_ERROR, "upstream_no_route", message, Optional.empty());
  }

  private static UpstreamError otherwise(
      int status, ErrorBody said, String message, Optional<Duration> retryAfter) {
    if (status >= 400 && status < 500 && said.structured()) {
      return client(status, said, "upstream_rejected", message);
    }
    return new UpstreamError(502, UPSTREAM_ERROR, UPSTREAM_ERROR, message, retryAfter);
  }

  /** OpenAI says {@code model_not_found}; vLLM says "The model `x` does not exist." */
  private static boolean namesMissingModel(ErrorBody said) {
    if (said.code().filter("model_not_found"::equals).isPresent()) {
      return true;
    }
    String text = said.message().toLowerCase(Locale.ROOT);
    return text.contains("model") && (text.contains("does not exist") || text.contains("not found"));
  }

  private static String message(UpstreamResponseHead head, ErrorBody said) {
    if (!said.message().isEmpty()) {
      return said.message();
    }
    return head.header(DROPPED_REASON)
        .map(ErrorBody::oneLine)
        .filter(reason -> !reason.isEmpty())
        .map(reason -> "the inference pool dropped the request: " + reason)
        .orElse("the data plane answered with status " + head.status());
  }
}
