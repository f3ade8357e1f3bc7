package dev.tollgate.wire.openai;

import static dev.tollgate.wire.openai.RawUsage.orZero;

import dev.tollgate.domain.usage.TokenUsage;

/** {@link UsageNormalizer#OPENAI}: prompt includes the cache, completion includes reasoning. */
final class OpenAiSemantics {

  private OpenAiSemantics() {}

  static TokenUsage normalize(RawUsage raw) {
    long cached = orZero(raw.cachedTokens());
    long cacheWrite = orZero(raw.cacheWriteTokens().isPresent()
        ? raw.cacheWriteTokens() : raw.detailsCacheCreationTokens());
    long reasoning = orZero(raw.reasoningTokens());
    long input = Math.max(0, orZero(raw.promptTokens()) - cached - cacheWrite);
    long output = Math.max(0, orZero(raw.completionTokens()) - reasoning);
    return new TokenUsage(input, cached, cacheWrite, output, reasoning);
  }
}
