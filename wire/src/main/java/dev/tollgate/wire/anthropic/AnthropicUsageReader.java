package dev.tollgate.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.wire.UsageScan;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the {@code usage} object of one JSON document of Anthropic's Messages API:
 *
 * <ul>
 *   <li>a whole message: {@code {"type":"message", …, "usage":{…}}};
 *   <li>{@code message_start}: {@code {"type":"message_start","message":{…,"usage":{…}}}};
 *   <li>{@code message_delta}: {@code {"type":"message_delta","delta":{…},"usage":{…}}}, whose
 *       counts are cumulative.
 * </ul>
 *
 * <p>The usage object's fields: {@code input_tokens}, {@code cache_read_input_tokens},
 * {@code cache_creation_input_tokens}, {@code cache_creation{ephemeral_5m_input_tokens,
 * ephemeral_1h_input_tokens}}, {@code output_tokens}; others ({@code server_tool_use},
 * {@code service_tier}) are not tokens. As with {@link dev.tollgate.wire.openai.OpenAiUsageReader}, a document without the
 * bytes {@code "usage"} is answered without parsing (a stream is mostly {@code content_block_delta}
 * events), a count that is not an integer in range is absent, and malformed JSON is empty.
 */
public final class AnthropicUsageReader {

  private static final UsageScan<MessagesUsage> SCAN = new UsageScan<>("message", AnthropicUsageReader::fromUsage);

  private AnthropicUsageReader() {}

  /** The usage in {@code json[offset, offset + length)}, if it carries one. */
  public static Optional<MessagesUsage> read(byte[] json, int offset, int length) {
    return SCAN.read(json, offset, length);
  }

  /** The usage in the whole of {@code json}, if it carries one. */
  public static Optional<MessagesUsage> read(byte[] json) {
    return read(json, 0, json.length);
  }

  private static Optional<MessagesUsage> fromUsage(JsonNode usage) {
    JsonNode split = usage.path("cache_creation");
    MessagesUsage found = new MessagesUsage(
        count(usage, "input_tokens"),
        count(usage, "cache_read_input_tokens"),
        count(usage, "cache_creation_input_tokens"),
        count(split, "ephemeral_5m_input_tokens"),
        count(split, "ephemeral_1h_input_tokens"),
        count(usage, "output_tokens"));
    return found.isEmpty() ? Optional.empty() : Optional.of(found);
  }

  private static OptionalLong count(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      return OptionalLong.empty();
    }
    long value = node.longValue();
    return value < 0 || value > MessagesUsage.MAX_COUNT
        ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
