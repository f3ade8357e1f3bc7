package dev.tollgate.service;

import java.time.Duration;

/**
 * Bounds of admission.
 *
 * @param holdTtl how long a budget hold lives if nobody settles it (longer than any request)
 * @param slotTtl how long a parallel slot lives if nobody gives it back
 * @param maxChoices the largest {@code n} (or {@code best_of}) one request may ask for; the hold
 *     covers that many completions, so this bounds what one request can hold
 */
public record AdmissionSettings(Duration holdTtl, Duration slotTtl, int maxChoices) {

  public static final int DEFAULT_MAX_CHOICES = 16;
  public static final AdmissionSettings DEFAULTS =
      new AdmissionSettings(Duration.ofMinutes(15), Duration.ofMinutes(15));

  public AdmissionSettings {
    if (holdTtl.isNegative() || holdTtl.isZero() || slotTtl.isNegative() || slotTtl.isZero()) {
      throw new IllegalArgumentException("holdTtl and slotTtl must be positive");
    }
    if (maxChoices < 1 || maxChoices > 1_024) {
      throw new IllegalArgumentException("maxChoices must be 1..1024");
    }
  }

  public AdmissionSettings(Duration holdTtl, Duration slotTtl) {
    this(holdTtl, slotTtl, DEFAULT_MAX_CHOICES);
  }
}
