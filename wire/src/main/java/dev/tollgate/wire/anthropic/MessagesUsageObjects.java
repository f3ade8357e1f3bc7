package dev.tollgate.wire.anthropic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code usage} object of Anthropic's Messages API as Anthropic writes it: what the simulator
 * answers with, and the shape {@link AnthropicUsageReader} reads (the tests hold the two together).
 */
public final class MessagesUsageObjects {

  private MessagesUsageObjects() {}

  /**
   * Fresh input, cache writes (5-minute and 1-hour) and reads, and output. {@code split} adds the
   * {@code cache_creation} object and the service tier, as a whole message and
   * {@code message_start} carry them; a {@code message_delta} repeats only the counts.
   */
  public static ObjectNode of(int freshInput, int cacheRead, int written5m, int written1h,
      int output, boolean split) {
    ObjectNode usage = JsonNodeFactory.instance.objectNode()
        .put("input_tokens", freshInput)
        .put("cache_creation_input_tokens", written5m + written1h)
        .put("cache_read_input_tokens", cacheRead);
    if (split) {
      usage.putObject("cache_creation")
          .put("ephemeral_5m_input_tokens", written5m)
          .put("ephemeral_1h_input_tokens", written1h);
    }
    usage.put("output_tokens", output);
    if (split) {
      usage.put("service_tier", "standard");
    }
    return usage;
  }
}
