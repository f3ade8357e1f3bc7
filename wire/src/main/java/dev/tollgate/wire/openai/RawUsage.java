package dev.tollgate.wire.openai;

import java.util.OptionalLong;

/**
 * The token counts one OpenAI-shaped {@code usage} object carried, as found and not yet
 * interpreted: whether {@code prompt_tokens} includes cached tokens differs by data plane and
 * provider, so a {@link UsageNormalizer} decides. A count is present only if the field was an
 * integer in {@code 0..}{@value #MAX_COUNT}; anything else (null, negative, fractional, absurd) is
 * treated as absent, so sums of a few counts can never overflow a {@code long}.
 *
 * @param shape which field names the object used
 * @param promptTokens {@code prompt_tokens}, or {@code input_tokens} in the Responses shape
 * @param completionTokens {@code completion_tokens}, or {@code output_tokens}
 * @param totalTokens {@code total_tokens}; untrusted (Gemini reports 402 for 7 + 12), never summed
 * @param cachedTokens {@code prompt_tokens_details.cached_tokens} (or {@code input_tokens_details})
 * @param cacheWriteTokens {@code prompt_tokens_details.cache_write_tokens} (or input_tokens_details)
 * @param detailsCacheCreationTokens {@code prompt_tokens_details.cache_creation_input_tokens}, the
 *     cache-write name some translators use inside the details object
 * @param reasoningTokens {@code completion_tokens_details.reasoning_tokens} (or output_tokens_details)
 * @param cacheReadInputTokens top-level {@code cache_read_input_tokens} (Anthropic's name)
 * @param cacheCreationInputTokens top-level {@code cache_creation_input_tokens} (Anthropic's name)
 */
public record RawUsage(
    Shape shape,
    OptionalLong promptTokens,
    OptionalLong completionTokens,
    OptionalLong totalTokens,
    OptionalLong cachedTokens,
    OptionalLong cacheWriteTokens,
    OptionalLong detailsCacheCreationTokens,
    OptionalLong reasoningTokens,
    OptionalLong cacheReadInputTokens,
    OptionalLong cacheCreationInputTokens) {

  /** A trillion tokens: far beyond any one request, far below {@code Long.MAX_VALUE / 8}. */
  public static final long MAX_COUNT = 1_000_000_000_000L;

  /** The field names of the usage object. */
  public enum Shape {
    /** Chat completions, legacy completions and embeddings: prompt/completion tokens. */
    PROMPT_COMPLETION,
    /** The Responses API: input/output tokens. */
    INPUT_OUTPUT
  }

  public RawUsage {
    if (shape == null) {
      throw new IllegalArgumentException("shape is required");
    }
    for (OptionalLong count : new OptionalLong[] {promptTokens, completionTokens, totalTokens,
        cachedTokens, cacheWriteTokens, detailsCacheCreationTokens, reasoningTokens,
        cacheReadInputTokens, cacheCreationInputTokens}) {
      requireInRange(count);
    }
  }

  /** True if no token count at all was found (e.g. {@code "usage": {}}). */
  public boolean isEmpty() {
    for (OptionalLong count : new OptionalLong[] {promptTokens, completionTokens, totalTokens,
        cachedTokens, cacheWriteTokens, detailsCacheCreationTokens, reasoningTokens,
        cacheReadInputTokens, cacheCreationInputTokens}) {
      if (count.isPresent()) {
        return false;
      }
    }
    return true;
  }

  /** True if Anthropic's top-level cache fields are present, even as zero. */
  public boolean hasTopLevelCacheFields() {
    return cacheReadInputTokens.isPresent() || cacheCreationInputTokens.isPresent();
  }

  /** The value, or zero when absent. */
  public static long orZero(OptionalLong count) {
    return count.orElse(0);
  }

  private static void requireInRange(OptionalLong count) {
    if (count == null) {
      throw new IllegalArgumentException("counts are OptionalLong.empty(), never null");
    }
    if (count.isPresent() && (count.getAsLong() < 0 || count.getAsLong() > MAX_COUNT)) {
      throw new IllegalArgumentException("a count must be 0.." + MAX_COUNT + ": " + count);
    }
  }
}
