package dev.tollgate.domain.admission;

import java.time.Duration;
import java.util.Optional;

/** The answer to "may this request go ahead?": a value, never an exception. */
public sealed interface Admission {

  record Admitted(AdmissionTicket ticket) implements Admission {}

  /**
   * Refused. {@code message} is safe to show the client; {@code retryAfter} is set when waiting
   * will help (a rate window ageing out, a budget period turning).
   */
  record Denied(DenialReason reason, String message, Optional<Duration> retryAfter)
      implements Admission {

    public Denied {
      if (reason == null || message == null || retryAfter == null) {
        throw new IllegalArgumentException("reason, message and retryAfter are required");
      }
    }

    public static Denied of(DenialReason reason, String message) {
      return new Denied(reason, message, Optional.empty());
    }
  }
}
