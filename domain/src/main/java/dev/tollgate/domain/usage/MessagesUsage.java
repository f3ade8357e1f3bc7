package dev.tollgate.domain.usage;

import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The usage one document of Anthropic's Messages API reported, field by field as found: a whole
 * message's {@code usage}, {@code message_start}'s {@code message.usage}, or a
 * {@code message_delta}'s {@code usage}. A field the document did not carry is empty, because a
 * stream reports in parts: {@code message_start} has the input side, and each
 * {@code message_delta} has cumulative counts (always {@code output_tokens}, sometimes the input
 * side again), so the last report of a field wins ({@link #then}).
 *
 * <p>Anthropic's {@code input_tokens} excludes the cache; {@code cache_creation_input_tokens} is
 * every cache write, and {@code cache_creation.ephemeral_5m_input_tokens} /
 * {@code ephemeral_1h_input_tokens} split it by lifetime. {@link #toTokenUsage} maps that to the
 * disjoint parts of {@link TokenUsage}: the 1-hour writes apart, the rest of the writes (never less
 * than the 5-minute count reported) at the default lifetime, so the total written is never
 * under-charged when the split and the total disagree.
 *
 * @param inputTokens {@code input_tokens}: fresh prompt tokens, cache excluded
 * @param cacheReadInputTokens {@code cache_read_input_tokens}
 * @param cacheCreationInputTokens {@code cache_creation_input_tokens}: writes of both lifetimes
 * @param ephemeral5mInputTokens {@code cache_creation.ephemeral_5m_input_tokens}
 * @param ephemeral1hInputTokens {@code cache_creation.ephemeral_1h_input_tokens}
 * @param outputTokens {@code output_tokens}, thinking included
 */
public record MessagesUsage(
    OptionalLong inputTokens,
    OptionalLong cacheReadInputTokens,
    OptionalLong cacheCreationInputTokens,
    OptionalLong ephemeral5mInputTokens,
    OptionalLong ephemeral1hInputTokens,
    OptionalLong outputTokens) {

  /** A trillion tokens: far beyond any one request, so sums of a few counts never overflow. */
  public static final long MAX_COUNT = 1_000_000_000_000L;

  public static final MessagesUsage EMPTY = new MessagesUsage(
      OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
      OptionalLong.empty(), OptionalLong.empty());

  public MessagesUsage {
    counts(inputTokens, cacheReadInputTokens, cacheCreationInputTokens, ephemeral5mInputTokens,
        ephemeral1hInputTokens, outputTokens).forEach(MessagesUsage::requireInRange);
  }

  /** True if not a single count was found. */
  public boolean isEmpty() {
    return counts(inputTokens, cacheReadInputTokens, cacheCreationInputTokens,
        ephemeral5mInputTokens, ephemeral1hInputTokens, outputTokens)
        .noneMatch(OptionalLong::isPresent);
  }

  /** This report overlaid by a later one of the same message: each field the later one has wins. */
  public MessagesUsage then(MessagesUsage later) {
    return new MessagesUsage(
        latest(inputTokens, later.inputTokens),
        latest(cacheReadInputTokens, later.cacheReadInputTokens),
        latest(cacheCreationInputTokens, later.cacheCreationInputTokens),
        latest(ephemeral5mInputTokens, later.ephemeral5mInputTokens),
        latest(ephemeral1hInputTokens, later.ephemeral1hInputTokens),
        latest(outputTokens, later.outputTokens));
  }

  /** The disjoint parts; a field never reported counts zero. */
  public TokenUsage toTokenUsage() {
    long oneHour = ephemeral1hInputTokens.orElse(0);
    long defaultLifetime = Math.max(ephemeral5mInputTokens.orElse(0),
        Math.max(0, cacheCreationInputTokens.orElse(0) - oneHour));
    return new TokenUsage(inputTokens.orElse(0), cacheReadInputTokens.orElse(0), defaultLifetime,
        outputTokens.orElse(0), 0, oneHour);
  }

  private static OptionalLong latest(OptionalLong earlier, OptionalLong later) {
    return later.isPresent() ? later : earlier;
  }

  private static Stream<OptionalLong> counts(OptionalLong... counts) {
    return Stream.of(counts);
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
