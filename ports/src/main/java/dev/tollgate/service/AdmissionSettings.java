package dev.tollgate.service;

import java.time.Duration;

/**
 * Bounds of admission.
 *
 * @param holdTtl how long a budget hold lives if nobody settles it (longer than any request)
 * @param slotTtl how long a parallel slot lives if nobody gives it back
 */
public record AdmissionSettings(Duration holdTtl, Duration slotTtl) {

  public static final AdmissionSettings DEFAULTS =
      new AdmissionSettings(Duration.ofMinutes(15), Duration.ofMinutes(15));

  public AdmissionSettings {
    if (holdTtl.isNegative() || holdTtl.isZero() || slotTtl.isNegative() || slotTtl.isZero()) {
      throw new IllegalArgumentException("holdTtl and slotTtl must be positive");
    }
  }
}
