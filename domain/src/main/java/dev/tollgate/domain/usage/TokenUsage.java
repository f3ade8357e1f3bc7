package dev.tollgate.domain.usage;

/**
 * Tokens one request consumed, split into disjoint parts so each part has exactly one price.
 *
 * <ul>
 *   <li>{@code inputTokens}: prompt tokens read neither from nor into a cache;
 *   <li>{@code cachedInputTokens}: prompt tokens served from the provider's prompt cache;
 *   <li>{@code cacheWriteInputTokens}: prompt tokens written into the cache at its default
 *       lifetime (Anthropic's 5-minute ephemeral cache, OpenAI's and Bedrock's only one);
 *   <li>{@code outputTokens}: visible completion tokens, reasoning excluded;
 *   <li>{@code reasoningTokens}: hidden reasoning tokens;
 *   <li>{@code cacheWrite1hInputTokens}: prompt tokens written into the cache with the 1-hour
 *       lifetime (Anthropic's {@code ephemeral_1h_input_tokens}), which costs more than a default
 *       write.
 *   <li>{@code audioMillis}: milliseconds of audio a transcription or translation read, for models
 *       priced per second of audio (Whisper's family: LiteLLM's {@code input_cost_per_second}).
 *       Not tokens, so in no token total; priced by {@link
 *       dev.tollgate.domain.pricing.TokenPrices#audioPerSecond}.
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
    long reasoningTokens,
    long cacheWrite1hInputTokens,
    long audioMillis) {

  public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

  public TokenUsage {
    requireNonNegative("inputTokens", inputTokens);
    requireNonNegative("cachedInputTokens", cachedInputTokens);
    requireNonNegative("cacheWriteInputTokens", cacheWriteInputTokens);
    requireNonNegative("outputTokens", outputTokens);
    requireNonNegative("reasoningTokens", reasoningTokens);
    requireNonNegative("cacheWrite1hInputTokens", cacheWrite1hInputTokens);
    requireNonNegative("audioMillis", audioMillis);
  }

  /** Token usage with no audio read by the second. */
  public TokenUsage(
      long inputTokens,
      long cachedInputTokens,
      long cacheWriteInputTokens,
      long outputTokens,
      long reasoningTokens,
      long cacheWrite1hInputTokens) {
    this(inputTokens, cachedInputTokens, cacheWriteInputTokens, outputTokens, reasoningTokens,
        cacheWrite1hInputTokens, 0);
  }

  /** Usage with no 1-hour cache writes (every shape but Anthropic's with {@code ttl: 1h}). */
  public TokenUsage(
      long inputTokens,
      long cachedInputTokens,
      long cacheWriteInputTokens,
      long outputTokens,
      long reasoningTokens) {
    this(inputTokens, cachedInputTokens, cacheWriteInputTokens, outputTokens, reasoningTokens, 0);
  }

  /** Plain prompt and completion counts with no cache or reasoning split. */
  public static TokenUsage of(long promptTokens, long completionTokens) {
    return new TokenUsage(promptTokens, 0, 0, completionTokens, 0);
  }

  /** This usage with {@code millis} of audio read instead of what it had. */
  public TokenUsage withAudioMillis(long millis) {
    return new TokenUsage(inputTokens, cachedInputTokens, cacheWriteInputTokens, outputTokens,
        reasoningTokens, cacheWrite1hInputTokens, millis);
  }

  /** All prompt tokens: fresh, cache reads and cache writes of both lifetimes. */
  public long promptTokens() {
    return Math.addExact(
        Math.addExact(Math.addExact(inputTokens, cachedInputTokens), cacheWriteInputTokens),
        cacheWrite1hInputTokens);
  }

  /** Cache writes of both lifetimes. */
  public long allCacheWriteInputTokens() {
    return Math.addExact(cacheWriteInputTokens, cacheWrite1hInputTokens);
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
        Math.addExact(reasoningTokens, other.reasoningTokens),
        Math.addExact(cacheWrite1hInputTokens, other.cacheWrite1hInputTokens),
        Math.addExact(audioMillis, other.audioMillis));
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }
}
