package dev.tollgate.domain.pricing;

/**
 * A model the platform serves: the name tenants call it by, the name the data plane routes on, and
 * the most tokens one request may generate (the hold's bound when a request sets no
 * {@code max_tokens}).
 */
public record ModelSpec(ModelName name, ModelName upstreamName, long maxOutputTokens) {

  public static final long MAX_OUTPUT_TOKENS_CEILING = 10_000_000L;

  public ModelSpec {
    if (name == null || upstreamName == null) {
      throw new IllegalArgumentException("name and upstreamName are required");
    }
    if (maxOutputTokens < 1 || maxOutputTokens > MAX_OUTPUT_TOKENS_CEILING) {
      throw new IllegalArgumentException(
          "maxOutputTokens must be 1.." + MAX_OUTPUT_TOKENS_CEILING + ": " + maxOutputTokens);
    }
  }

  /** A model served under its own name. */
  public static ModelSpec of(ModelName name, long maxOutputTokens) {
    return new ModelSpec(name, name, maxOutputTokens);
  }

  /** The completion bound of a request: what it asked for, capped by the model's maximum. */
  public long completionBound(java.util.OptionalLong requested) {
    return requested.isPresent() ? Math.min(requested.getAsLong(), maxOutputTokens) : maxOutputTokens;
  }
}
