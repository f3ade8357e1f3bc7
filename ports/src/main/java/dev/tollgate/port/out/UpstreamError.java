package dev.tollgate.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * A data-plane failure in OpenAI's terms: the status the client gets, the error {@code type} and
 * {@code code}, a message safe to show, and how long to wait before retrying when that is known.
 */
public record UpstreamError(
    int status, String type, String code, String message, Optional<Duration> retryAfter) {

  public UpstreamError {
    if (status < 400 || status > 599 || type == null || code == null || message == null
        || retryAfter == null) {
      throw new IllegalArgumentException("an error status 400..599 with type, code and message");
    }
  }
}
