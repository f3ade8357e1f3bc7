package dev.tollgate.app.http;

import dev.tollgate.port.out.DataPlaneException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Data-plane failures as client errors. */
final class Upstreams {

  static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  private Upstreams() {}

  static ApiError unavailable(DataPlaneException e) {
    return switch (e.kind()) {
      case UNREACHABLE -> new ApiError(502, "upstream_error", "upstream_unreachable",
          "The model backend could not be reached. Please retry.", null,
          Optional.of(Duration.ofSeconds(1)));
      case TIMEOUT -> new ApiError(504, "upstream_error", "upstream_timeout",
          "The model backend did not answer in time.", null, Optional.empty());
    };
  }

  /** At most 64 KiB of an error body; a body that breaks off is taken as far as it came. */
  static byte[] errorBody(dev.tollgate.port.out.UpstreamResponse upstream) {
    try {
      return Bodies.readUpTo(upstream.body(), MAX_ERROR_BODY_BYTES);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  static ApiError broken() {
    return new ApiError(502, "upstream_error", "upstream_broken",
        "The model backend's response broke off.", null, Optional.of(Duration.ofSeconds(1)));
  }

  /** A 2xx whose body is not a JSON object: nothing a client could use, so nothing is charged. */
  static ApiError notJson() {
    return new ApiError(502, "upstream_error", "upstream_bad_response",
        "The model backend answered with a body that is not JSON.", null, Optional.empty());
  }
}
