package dev.tollgate.domain.rate;

/** What a rate window counts. */
public enum RateKind {
  /** Requests per window (RPM with a one-minute window). */
  REQUESTS,
  /** Tokens per window (TPM): held from an estimate at admission, corrected to actual after. */
  TOKENS
}
