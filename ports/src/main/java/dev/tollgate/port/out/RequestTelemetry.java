package dev.tollgate.port.out;

/**
 * Where the outcome of every {@code /v1} answer goes once it is known: the metrics and the access
 * log, each an implementation (several combine with {@link #both}). Called on the
 * request thread after the answer was handed to the server, so an implementation must be cheap
 * and must not throw; it never decides anything about the request.
 */
public interface RequestTelemetry {

  /** Records nothing: embedding hosts and tests that do not observe. */
  RequestTelemetry NONE = outcome -> {};

  void answered(RequestOutcome outcome);

  /** Both, in order; a failure of the first does not keep the second from recording. */
  static RequestTelemetry both(RequestTelemetry first, RequestTelemetry second) {
    return outcome -> {
      try {
        first.answered(outcome);
      } finally {
        second.answered(outcome);
      }
    };
  }
}
