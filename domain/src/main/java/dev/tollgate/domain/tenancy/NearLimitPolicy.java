package dev.tollgate.domain.tenancy;

/**
 * What a tenant's requests meet near the end of a budget (docs/economics.md, "Policies near the
 * limit").
 *
 * @param whenExhausted a request whose maximum cost the budget cannot cover: refused, or clamped
 *     (its output bound lowered to what the budget can pay, if at least {@code minOutputTokens})
 * @param minOutputTokens the shortest output a clamp may leave
 * @param pastSoftBudget a request on a budget whose posted spend reached its soft limit: sent as
 *     usual, or demoted to {@code demotedObjective} until the budget's period turns
 * @param demotedObjective the data plane's sheddable inference objective
 */
public record NearLimitPolicy(
    WhenExhausted whenExhausted,
    long minOutputTokens,
    PastSoftBudget pastSoftBudget,
    String demotedObjective) {

  /** Enough for a short answer; a clamp that leaves less refuses instead. */
  public static final long DEFAULT_MIN_OUTPUT_TOKENS = 64;

  public static final long MAX_MIN_OUTPUT_TOKENS = 1_000_000;

  /** The name llm-d and Gateway API Inference Extension examples give a negative-priority objective. */
  public static final String DEFAULT_DEMOTED_OBJECTIVE = "sheddable";

  public static final int MAX_OBJECTIVE_LENGTH = 253;

  /** Refuse at the limit, never demote: Tollgate's behaviour before these policies. */
  public static final NearLimitPolicy DEFAULT = new NearLimitPolicy(
      WhenExhausted.REFUSE, DEFAULT_MIN_OUTPUT_TOKENS, PastSoftBudget.NONE,
      DEFAULT_DEMOTED_OBJECTIVE);

  public enum WhenExhausted {
    REFUSE,
    CLAMP
  }

  public enum PastSoftBudget {
    NONE,
    DEMOTE
  }

  public NearLimitPolicy {
    if (whenExhausted == null || pastSoftBudget == null || demotedObjective == null) {
      throw new IllegalArgumentException("whenExhausted, pastSoftBudget and demotedObjective are required");
    }
    if (minOutputTokens < 1 || minOutputTokens > MAX_MIN_OUTPUT_TOKENS) {
      throw new IllegalArgumentException(
          "minOutputTokens must be 1.." + MAX_MIN_OUTPUT_TOKENS + ": " + minOutputTokens);
    }
    if (demotedObjective.isBlank() || demotedObjective.length() > MAX_OBJECTIVE_LENGTH
        || !demotedObjective.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "demotedObjective must be 1.." + MAX_OBJECTIVE_LENGTH + " printable ASCII characters");
    }
  }

  public boolean clamps() {
    return whenExhausted == WhenExhausted.CLAMP;
  }

  /** Whether a request is demoted, given whether a budget over it is past its soft limit. */
  public boolean demotes(boolean pastSoftLimit) {
    return pastSoftLimit && pastSoftBudget == PastSoftBudget.DEMOTE;
  }
}
