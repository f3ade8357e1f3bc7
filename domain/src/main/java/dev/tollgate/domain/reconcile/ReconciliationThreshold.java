package dev.tollgate.domain.reconcile;

/**
 * When a difference between the data plane's count and the ledger's is a mismatch: it exceeds
 * both {@code tokens} and {@code percent} of the larger of the two counts. The absolute floor
 * keeps a quiet model's boundary noise (a request in flight across a bucket's edge is counted by
 * the data plane in one bucket and by the ledger in its neighbour) from alerting; the percentage
 * keeps a busy model's.
 */
public record ReconciliationThreshold(long tokens, int percent) {

  public ReconciliationThreshold {
    if (tokens < 0 || percent < 0 || percent > 100) {
      throw new IllegalArgumentException("threshold tokens >= 0 and percent 0..100");
    }
  }

  /**
   * Whether the data plane's count {@code dataPlane} and the ledger's {@code ledger} differ past the
   * threshold. When the data plane's count is a lower bound ({@code lowerBound}: it restarted),
   * only its exceeding the ledger counts: the ledger holding more is what a restart looks like.
   */
  public boolean exceeded(long dataPlane, long ledger, boolean lowerBound) {
    long difference = dataPlane - ledger;
    if (lowerBound && difference <= 0) {
      return false;
    }
    long magnitude = Math.abs(difference);
    long larger = Math.max(dataPlane, ledger);
    return magnitude > tokens && magnitude * 100 > (long) percent * larger;
  }
}
