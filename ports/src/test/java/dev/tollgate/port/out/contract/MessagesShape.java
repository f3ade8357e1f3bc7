package dev.tollgate.port.out.contract;

import dev.tollgate.domain.usage.TokenUsage;

/**
 * A way a data plane reports usage on its Messages route ({@code /v1/messages}), as the recorded
 * Anthropic answers show it. Every shape renders a {@link MessagesEvent} as a whole message and as
 * Anthropic's event stream; the contract requires the same {@link TokenUsage} back from each.
 */
public enum MessagesShape {

  /**
   * Anthropic today (anthropic__thinking, anthropic__stream_basic's message_start): the
   * {@code cache_creation} split by lifetime beside the total; in a stream the input side in
   * {@code message_start} and only the cumulative {@code output_tokens} in {@code message_delta}.
   */
  ANTHROPIC {
    @Override
    String usageJson(TokenUsage u, boolean inDelta) {
      if (inDelta) {
        return "{\"output_tokens\":" + u.outputTokens() + "}";
      }
      return "{\"input_tokens\":" + u.inputTokens() + ",\"cache_creation_input_tokens\":"
          + u.allCacheWriteInputTokens() + ",\"cache_read_input_tokens\":"
          + u.cachedInputTokens() + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":"
          + u.cacheWriteInputTokens() + ",\"ephemeral_1h_input_tokens\":"
          + u.cacheWrite1hInputTokens() + "},\"output_tokens\":" + u.outputTokens()
          + ",\"service_tier\":\"standard\"}";
    }

    @Override
    String startOutputTokens(TokenUsage u) {
      return "1";
    }
  },

  /**
   * Without the lifetime split (anthropic__basic, Bedrock and Vertex AI Anthropic), and in a stream
   * the input side repeated in the final {@code message_delta} (anthropic__stream_basic).
   */
  ANTHROPIC_WITHOUT_SPLIT {
    @Override
    boolean canExpress(MessagesEvent event) {
      return !event.hasOneHourWrites();
    }

    @Override
    String usageJson(TokenUsage u, boolean inDelta) {
      return "{\"input_tokens\":" + u.inputTokens() + ",\"cache_creation_input_tokens\":"
          + u.cacheWriteInputTokens() + ",\"cache_read_input_tokens\":" + u.cachedInputTokens()
          + ",\"output_tokens\":" + u.outputTokens() + "}";
    }
  },

  /**
   * A provider translated into Anthropic's stream (anthropic__stream_message_delta_usage, glm
   * behind an Anthropic-compatible endpoint): {@code message_start} reports the whole prompt as
   * input, and only the last {@code message_delta} has the true split, which wins.
   */
  DELTA_CORRECTS_START {
    @Override
    boolean canExpress(MessagesEvent event) {
      return !event.hasOneHourWrites();
    }

    @Override
    String usageJson(TokenUsage u, boolean inDelta) {
      return ANTHROPIC_WITHOUT_SPLIT.usageJson(u, inDelta);
    }

    @Override
    String startUsageJson(TokenUsage u) {
      return "{\"input_tokens\":" + u.promptTokens() + ",\"output_tokens\":0}";
    }
  };

  boolean canExpress(MessagesEvent event) {
    return true;
  }

  /** The usage object of a whole message, or of the last {@code message_delta}. */
  abstract String usageJson(TokenUsage u, boolean inDelta);

  /** The usage object of {@code message_start}. */
  String startUsageJson(TokenUsage u) {
    return usageJson(new TokenUsage(u.inputTokens(), u.cachedInputTokens(),
        u.cacheWriteInputTokens(), 0, 0, u.cacheWrite1hInputTokens()), false)
        .replace("\"output_tokens\":0", "\"output_tokens\":" + startOutputTokens(u));
  }

  String startOutputTokens(TokenUsage u) {
    return "0";
  }

  public String body(TokenUsage u) {
    return MessagesBodies.message(usageJson(u, false));
  }

  public String stream(TokenUsage u) {
    return MessagesBodies.stream(startUsageJson(u), usageJson(u, true));
  }
}
