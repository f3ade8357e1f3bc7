package dev.tollgate.domain.usage;

/**
 * Tokens one request consumed, split into disjoint parts so each part has exactly one price.
 *
 * <ul>
 *   <li>{@code inputTokens}: prompt tokens read neither from nor into a cache;
 *   <li>{@code cachedInputTokens}: prompt tokens served from the provider's prompt cache;
 *   <li>{@code cacheWriteInputTokens}: prompt tokens written into the cache;
 *   <li>{@code outputTokens}: visible completion tokens, reasoning excluded;
 *   <li>{@code reasoningTokens}: hidden reasoning tokens.
 * </ul>
 *
 * Totals are computed here and never copied from an upstream ({@code total_tokens} is known to be
 * wrong for some providers). Each data-plane adapter maps its wire shape into these parts.
 */
public record TokenUsage(
    long inputTokens,
    long cachedInputTokens,
    long cacheWriteInputTokens,
    long outputTokens,
    long reasoningTokens) {

  public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

  public TokenUsage {
    requireNonNegative("inputTokens", inputTokens);
    requireNonNegative("cachedInputTokens", cachedInputTokens);
    requireNonNegative("cacheWriteInputTokens", cacheWriteInputTokens);
    requireNonNegative("outputTokens", outputTokens);
    requireNonNegative("reasoningTokens", reasoningTokens);
  }

  /** Plain prompt and completion counts with no cache or reasoning split. */
  public static TokenUsage of(long promptTokens, long completionTokens) {
    return new TokenUsage(promptTokens, 0, 0, completionTokens, 0);
  }

  /** All prompt tokens: fresh, cache reads and cache writes. */
  public long promptTokens() {
    return Math.addExact(Math.addExact(inputTokens, cachedInputTokens), cacheWriteInputTokens);
  }

  /** All generated tokens: visible output and reasoning. */
  public long completionTokens() {
    return Math.addExact(outputTokens, reasoningTokens);
  }

  public long totalTokens() {
    return Math.addExact(promptTokens(), completionTokens());
  }

  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        Math.addExact(inputTokens, other.inputTokens),
        Math.addExact(cachedInputTokens, other.cachedInputTokens),
        Math.addExact(cacheWriteInputTokens, other.cacheWriteInputTokens),
        Math.addExact(outputTokens, other.outputTokens),
        Math.addExact(reasoningTokens, other.reasoningTokens));
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }
}
