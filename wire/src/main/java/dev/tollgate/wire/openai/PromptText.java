package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.port.out.Endpoint;

/**
 * The text a request's prompt tokens are counted from: message contents (strings or text parts),
 * completion prompts, embedding inputs, Responses inputs and instructions, a rerank's documents
 * and its query, a score's two sides (each once: {@link CrossEncoderPairs} adds the repeats of a
 * side read once per pair). Non-text
 * parts (images, audio) are not counted; the hold is an estimate that settlement corrects to
 * actual usage.
 */
record PromptText(String text, int parts, String field) {

  private static final int MAX_PARTS = 100_000;

  static PromptText of(Endpoint endpoint, ObjectNode root) {
    return switch (endpoint) {
      case CHAT_COMPLETIONS -> collect(root.get("messages"), "messages", null);
      case COMPLETIONS -> collect(root.get("prompt"), "prompt", null);
      case EMBEDDINGS -> collect(root.get("input"), "input", null);
      case RESPONSES -> collect(root.get("input"), "input", root.get("instructions"));
      case RERANK -> collect(root.get("documents"), "documents", root.get("query"));
      case SCORE -> score(root);
      case MESSAGES, MESSAGES_COUNT_TOKENS -> collect(root.get("messages"), "messages", null);
      case AUDIO_TRANSCRIPTIONS, AUDIO_TRANSLATIONS ->
          throw new IllegalArgumentException(endpoint + " reads a form, not JSON");
    };
  }

  /** Both sides of a score, the first side's text first; no sides named: nothing. */
  private static PromptText score(ObjectNode root) {
    java.util.Optional<java.util.List<String>> sides = CrossEncoderPairs.scoreSides(root);
    if (sides.isEmpty()) {
      return new PromptText("", 0, "text_1");
    }
    StringBuilder text = new StringBuilder();
    int[] parts = {0};
    append(root.get(sides.get().get(0)), text, parts, 0);
    append(root.get(sides.get().get(1)), text, parts, 0);
    return new PromptText(text.toString(), parts[0], sides.get().get(1));
  }

  /** The text of one value: a string, or the text parts of an object or array. */
  static String textOf(JsonNode node) {
    return collect(node, "", null).text();
  }

  private static PromptText collect(JsonNode node, String field, JsonNode extra) {
    StringBuilder text = new StringBuilder();
    int[] parts = {0};
    append(node, text, parts, 0);
    if (extra != null && extra.isTextual()) {
      text.append(extra.asText()).append('\n');
      parts[0]++;
    } else if (extra != null && extra.isObject()) {
      append(extra, text, parts, 1);
      parts[0]++;
    }
    return new PromptText(text.toString(), parts[0], field);
  }

  private static void append(JsonNode node, StringBuilder text, int[] parts, int depth) {
    if (node == null || depth > 8 || parts[0] > MAX_PARTS) {
      return;
    }
    if (node.isTextual()) {
      text.append(node.asText()).append('\n');
      if (depth <= 1) {
        parts[0]++;
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (depth == 0 && !item.isTextual()) {
          parts[0]++;
        }
        append(item, text, parts, depth + 1);
      }
    } else if (node.isObject()) {
      appendField(node, "content", text, parts, depth);
      appendField(node, "text", text, parts, depth);
      appendField(node, "name", text, parts, depth);
      appendField(node, "arguments", text, parts, depth);
    }
  }

  private static void appendField(JsonNode node, String field, StringBuilder t, int[] p, int depth) {
    JsonNode value = node.get(field);
    if (value != null) {
      append(value, t, p, depth + 1);
    }
  }
}
