package dev.tollgate.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * A data-plane failure in OpenAI's terms: the status the client gets, the error {@code type} and
 * {@code code}, a message safe to show, how long to wait before retrying when that is known, and
 * the request field the upstream blamed ({@code param}) when it named one.
 */
public record UpstreamError(
    int status, String type, String code, String message, Optional<Duration> retryAfter,
    Optional<String> param) {

  public UpstreamError {
    if (status < 400 || status > 599 || type == null || code == null || message == null
        || retryAfter == null || param == null) {
      throw new IllegalArgumentException("an error status 400..599 with type, code and message");
    }
  }

  /** An error that names no request field. */
  public UpstreamError(
      int status, String type, String code, String message, Optional<Duration> retryAfter) {
    this(status, type, code, message, retryAfter, Optional.empty());
  }
}
