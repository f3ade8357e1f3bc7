package dev.tollgate.port.out.contract;

import dev.tollgate.domain.usage.TokenUsage;

/**
 * What one Messages request consumed, in disjoint parts, from Anthropic's recorded answers (the raw
 * provider responses agentgateway's golden snapshots start from, at 75b4e6c) and Anthropic's
 * documented cache split.
 */
public enum MessagesEvent {

  /** anthropic__basic.json: input 15, cache read 12, cache creation 13, output 21. */
  CACHE_READ_AND_WRITE(new TokenUsage(15, 12, 13, 21, 0)),
  /** anthropic__thinking.json: thinking is inside output 251; a zero split beside creation 1. */
  THINKING(new TokenUsage(47, 2, 1, 251, 0)),
  /** anthropic__stream_message_delta_usage.json: the final delta's 3883 fresh + 30464 read. */
  CACHE_READS_EXCEED_FRESH_INPUT(new TokenUsage(3883, 30464, 0, 49, 0)),
  /** Claude Code's long-lived prefix: writes of both lifetimes (cache_control ttl 1h and 5m). */
  BOTH_CACHE_LIFETIMES(new TokenUsage(12, 3000, 500, 40, 0, 1000));

  private final TokenUsage usage;

  MessagesEvent(TokenUsage usage) {
    this.usage = usage;
  }

  public TokenUsage usage() {
    return usage;
  }

  boolean hasOneHourWrites() {
    return usage.cacheWrite1hInputTokens() > 0;
  }
}
