package dev.tollgate.domain.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One bucket's reconciliation. The data plane's side is what its counters grew by between the
 * previous reading and this one ({@code from}, {@code to}); the ledger's is the tokens of the
 * requests that started in the same span, so a failed or skipped bucket loses nothing: the next
 * one covers it.
 *
 * @param bucketStart the bucket's nominal start (buckets are aligned to multiples of their size)
 * @param from when the data plane's counters were read before ({@code to} for a baseline)
 * @param to when they were read for this bucket
 * @param ranBy the replica that ran it
 * @param error why a failed bucket failed (empty otherwise)
 */
public record BucketReport(Instant bucketStart, Instant from, Instant to, BucketStatus status,
    String ranBy, Optional<String> error, List<ModelDifference> models) {

  public static final int MAX_ERROR_LENGTH = 500;

  public BucketReport {
    if (bucketStart == null || from == null || to == null || status == null || ranBy == null
        || error == null || models == null) {
      throw new IllegalArgumentException("every field of a bucket report is required");
    }
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from is not after to");
    }
    error = error.map(e -> e.length() > MAX_ERROR_LENGTH ? e.substring(0, MAX_ERROR_LENGTH) : e);
    models = List.copyOf(models);
  }

  /** The models whose difference is past the threshold. */
  public List<ModelDifference> mismatches() {
    return models.stream().filter(ModelDifference::mismatch).toList();
  }
}
