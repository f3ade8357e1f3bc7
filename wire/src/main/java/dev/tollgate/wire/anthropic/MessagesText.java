package dev.tollgate.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The text of a Messages request's prompt (for the admission estimate) and of an answer (for
 * charging a stream cut before its usage arrived). A prompt is its {@code system} (a string or text
 * blocks), each message's content (text, thinking, a tool call's input, a tool result), and each
 * tool's name, description and input schema, which Anthropic counts as input too. Images and
 * documents are not counted: the hold is an estimate settlement corrects.
 */
public final class MessagesText {

  /** What one prompt holds; parts are messages, system blocks and tools, each with framing. */
  record Prompt(String text, int parts) {}

  private static final int MAX_BLOCKS = 100_000;

  private MessagesText() {}

  static Prompt prompt(JsonNode root) {
    StringBuilder text = new StringBuilder();
    int parts = 0;
    JsonNode system = root.get("system");
    if (system != null && system.isTextual()) {
      text.append(system.asText()).append('\n');
      parts++;
    } else if (system != null && system.isArray()) {
      parts += blocks(system, text);
    }
    for (JsonNode message : root.path("messages")) {
      parts++;
      JsonNode content = message.get("content");
      if (content != null && content.isTextual()) {
        text.append(content.asText()).append('\n');
      } else if (content != null && content.isArray()) {
        blocks(content, text);
      }
    }
    for (JsonNode tool : root.path("tools")) {
      parts++;
      text.append(tool.path("name").asText("")).append('\n')
          .append(tool.path("description").asText("")).append('\n');
      JsonNode schema = tool.get("input_schema");
      if (schema != null) {
        text.append(schema).append('\n');
      }
    }
    return new Prompt(text.toString(), parts);
  }

  private static int blocks(JsonNode blocks, StringBuilder text) {
    int count = 0;
    for (JsonNode block : blocks) {
      if (++count > MAX_BLOCKS) {
        break;
      }
      block(block, text, 0);
    }
    return count;
  }

  private static void block(JsonNode block, StringBuilder text, int depth) {
    if (block.isTextual()) {
      text.append(block.asText()).append('\n');
      return;
    }
    switch (block.path("type").asText("")) {
      case "text" -> text.append(block.path("text").asText("")).append('\n');
      case "thinking" -> text.append(block.path("thinking").asText("")).append('\n');
      case "tool_use", "server_tool_use" -> text.append(block.path("input")).append('\n');
      case "tool_result" -> {
        JsonNode content = block.path("content");
        if (content.isTextual()) {
          text.append(content.asText()).append('\n');
        } else if (content.isArray() && depth < 2) {
          content.forEach(inner -> block(inner, text, depth + 1));
        }
      }
      default -> { } // images, documents, redacted thinking: not text
    }
  }

  /** The generated text of a whole message, for counting when it carried no usage. */
  public static String produced(ObjectMapper mapper, byte[] body) {
    StringBuilder text = new StringBuilder();
    try {
      for (JsonNode block : mapper.readTree(body).path("content")) {
        block(block, text, 0);
      }
    } catch (IOException e) {
      return "";
    }
    return text.toString();
  }
}
