package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt of a Messages request, counted by {@link Prompts}' word rule and cut where the client
 * put {@code cache_control} breakpoints, in Anthropic's prefix order: {@code tools}, then
 * {@code system}, then {@code messages}.
 *
 * <ul>
 *   <li>tokens: 3 for the reply priming; per tool, {@code words} of its name, description and
 *       input schema; per system block, {@code words} of its text; per message, 1 plus
 *       {@code words} of each content block's text (a {@code tool_use} block counts its
 *       {@code input}, a {@code tool_result} block its {@code content}).
 *   <li>segments: the tokens from the previous breakpoint up to and including a block carrying
 *       {@code cache_control} form one cacheable segment with that breakpoint's lifetime
 *       ({@code ttl: "1h"}, else 5 minutes); each segment is known by the hash of the whole prefix
 *       up to it. Tokens after the last breakpoint, and the priming, are fresh input.
 * </ul>
 */
final class MessagesPrompt {

  /** One cacheable run of the prompt. */
  record Segment(long prefixHash, int tokens, boolean oneHour) {}

  private final StringBuilder text = new StringBuilder();
  private final List<Segment> segments = new ArrayList<>();
  private int pending;
  private int total = Prompts.PRIMING_TOKENS;

  private MessagesPrompt() {}

  static MessagesPrompt of(JsonNode body) {
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw Prompts.reject(messages == null ? ErrorReply.missingParameter("messages")
          : ErrorReply.invalidValue("messages", "messages: must be a non-empty list"));
    }
    MessagesPrompt prompt = new MessagesPrompt();
    JsonNode tools = body.path("tools");
    for (JsonNode tool : Prompts.bounded(tools.isArray() ? tools : Wire.MAPPER.createArrayNode(), "tools")) {
      prompt.add(tool.path("name").asText("") + " " + tool.path("description").asText("") + " "
          + tool.path("input_schema"), tool);
    }
    JsonNode system = body.get("system");
    if (system != null && system.isTextual()) {
      prompt.add(system.asText(), null);
    } else if (system != null && system.isArray()) {
      for (JsonNode block : Prompts.bounded(system, "system")) {
        prompt.add(block.path("text").asText(""), block);
      }
    }
    for (JsonNode message : Prompts.bounded(messages, "messages")) {
      prompt.message(message.get("content"));
    }
    return prompt;
  }

  private void message(JsonNode content) {
    pending += Prompts.PER_MESSAGE_TOKENS;
    total += Prompts.PER_MESSAGE_TOKENS;
    if (content == null || content.isTextual()) {
      add(content == null ? "" : content.asText(), null);
      return;
    }
    for (JsonNode block : Prompts.bounded(content, "content")) {
      add(blockText(block), block);
    }
  }

  private static String blockText(JsonNode block) {
    return switch (block.path("type").asText("")) {
      case "tool_use" -> block.path("input").toString();
      case "tool_result" -> Prompts.textOf(block.get("content"));
      case "thinking" -> block.path("thinking").asText("");
      default -> block.path("text").asText("");
    };
  }

  private void add(String blockText, JsonNode block) {
    int words = Prompts.words(blockText);
    pending += words;
    total += words;
    text.append(blockText).append('\n');
    JsonNode cacheControl = block == null ? null : block.get("cache_control");
    if (cacheControl != null && cacheControl.isObject()) {
      boolean oneHour = "1h".equals(cacheControl.path("ttl").asText(""));
      segments.add(new Segment(Reply.fnv1a64(text.toString()), pending, oneHour));
      pending = 0;
    }
  }

  /** All prompt tokens, cached or not: what count_tokens answers. */
  int tokens() {
    return total;
  }

  List<Segment> segments() {
    return segments;
  }

  /** The prompt as the reply's seed. */
  Prompts.Prompt asPrompt() {
    return new Prompts.Prompt(text.toString(), total);
  }
}
