package dev.tollgate.domain.reconcile;

/**
 * One model's tokens over one bucket as the ledger recorded them and as the data plane counted
 * them, by type.
 *
 * @param model the model as the data plane names it (Tollgate's upstream name)
 * @param lowerBound the data plane restarted in the bucket: its counts are lower bounds
 * @param mismatch the difference of either type is past the threshold
 */
public record ModelDifference(String model, long ledgerInput, long dataPlaneInput,
    long ledgerOutput, long dataPlaneOutput, boolean lowerBound, boolean mismatch) {

  public ModelDifference {
    if (model == null || model.isEmpty()) {
      throw new IllegalArgumentException("a model is required");
    }
    if (ledgerInput < 0 || dataPlaneInput < 0 || ledgerOutput < 0 || dataPlaneOutput < 0) {
      throw new IllegalArgumentException("token counts are non-negative");
    }
  }

  /** The comparison of the two sides under {@code threshold}. */
  public static ModelDifference judge(String model, long ledgerInput, long dataPlaneInput,
      long ledgerOutput, long dataPlaneOutput, boolean lowerBound,
      ReconciliationThreshold threshold) {
    boolean mismatch = threshold.exceeded(dataPlaneInput, ledgerInput, lowerBound)
        || threshold.exceeded(dataPlaneOutput, ledgerOutput, lowerBound);
    return new ModelDifference(model, ledgerInput, dataPlaneInput, ledgerOutput, dataPlaneOutput,
        lowerBound, mismatch);
  }

  /** Data plane minus ledger, input tokens: positive is served and not recorded. */
  public long inputDifference() {
    return dataPlaneInput - ledgerInput;
  }

  public long outputDifference() {
    return dataPlaneOutput - ledgerOutput;
  }

  public long difference(TokenType type) {
    return switch (type) {
      case INPUT -> inputDifference();
      case OUTPUT -> outputDifference();
    };
  }
}
