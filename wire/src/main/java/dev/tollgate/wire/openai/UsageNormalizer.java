package dev.tollgate.wire.openai;

import dev.tollgate.domain.usage.TokenUsage;

/**
 * Turns the counts a data plane reported into disjoint {@link TokenUsage} parts. Data planes and
 * the providers behind them disagree on whether {@code prompt_tokens} includes cached tokens and
 * whether {@code completion_tokens} includes reasoning, so each adapter brings its own.
 */
@FunctionalInterface
public interface UsageNormalizer {

  TokenUsage normalize(RawUsage raw);

  /**
   * OpenAI's own semantics: {@code prompt_tokens} includes cached and cache-write tokens, and
   * {@code completion_tokens} includes reasoning. So {@code input = prompt - cached - cacheWrite}
   * and {@code output = completion - reasoning}, each clamped at zero; {@code total_tokens} is
   * never used. The cache-write count is {@code cache_write_tokens}, else
   * {@code cache_creation_input_tokens}, inside the details object.
   */
  UsageNormalizer OPENAI = OpenAiSemantics::normalize;
}
