package dev.tollgate.port.out.contract;

import dev.tollgate.domain.usage.TokenUsage;

/**
 * What one request really consumed, in disjoint parts, taken from a recorded fixture. Every data
 * plane that reports it, in whatever {@link UsageShape}, must normalize it to exactly this
 * {@link TokenUsage}: that is what keeps the ledger independent of the data plane.
 *
 * <p>Sources are the wire fixtures in {@code ../shared/fixtures/} (agentgateway golden snapshots at
 * 75b4e6c, Envoy AI Gateway go-vcr cassettes at v1.1.0), derived by hand from the provider's own
 * numbers.
 */
public enum EconomicEvent {

  /** agentgateway completions__basic: OpenAI 17 in, 23 out. */
  PLAIN(new TokenUsage(17, 0, 0, 23, 0)),
  /** agentgateway completions__cache_write: prompt 1000 = 500 fresh + 300 read + 200 written. */
  CACHE_READ_AND_WRITE(new TokenUsage(500, 300, 200, 10, 0)),
  /** agentgateway completions__stream (gpt-5-nano): completion 286 = 94 visible + 192 reasoning. */
  REASONING(new TokenUsage(18, 0, 0, 94, 192)),
  /** Envoy chat-detailed-usage: completion 100, all of it reasoning (finish_reason length). */
  ALL_REASONING(new TokenUsage(12, 0, 0, 0, 100)),
  /** agentgateway anthropic__stream_message_delta_usage: 30464 cache reads beside 3883 fresh. */
  CACHE_READS_EXCEED_FRESH_INPUT(new TokenUsage(3883, 30464, 0, 49, 0)),
  /** agentgateway bedrock__cache_write: 16 fresh, 2387 written to the cache, 9 out. */
  CACHE_WRITE_ONLY(new TokenUsage(16, 0, 2387, 9, 0)),
  /** Envoy completion-streaming-usage (legacy completions, babbage-002): 31 in, 25 out. */
  LEGACY_COMPLETION(new TokenUsage(31, 0, 0, 25, 0)),
  /** An embedding: input only. */
  EMBEDDING(new TokenUsage(8, 0, 0, 0, 0));

  private final TokenUsage usage;

  EconomicEvent(TokenUsage usage) {
    this.usage = usage;
  }

  public TokenUsage usage() {
    return usage;
  }

  boolean hasCache() {
    return usage.cachedInputTokens() > 0 || usage.cacheWriteInputTokens() > 0;
  }

  boolean hasReasoning() {
    return usage.reasoningTokens() > 0;
  }

  boolean isInputOnly() {
    return usage.completionTokens() == 0 && !hasCache();
  }
}
