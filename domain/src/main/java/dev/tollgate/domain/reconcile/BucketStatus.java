package dev.tollgate.domain.reconcile;

/** How a bucket's reconciliation ended. */
public enum BucketStatus {
  /** Both sides compared (see each model's difference). */
  COMPARED,
  /** The first reading of the data plane's counters: nothing to compare it with yet. */
  BASELINE,
  /** A data plane's counters could not be read; the next bucket spans this one too. */
  FAILED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
