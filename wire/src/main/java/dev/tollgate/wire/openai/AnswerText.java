package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The generated text of a whole (non-streamed) answer, for counting its output when no usage came
 * back: chat {@code choices[].message.content}, legacy completions {@code choices[].text}, and the
 * Responses API's {@code output[].content[].text}. (A stream's text is read event by event by
 * {@link EventText}.)
 */
public final class AnswerText {

  private AnswerText() {}

  /** The produced text; a body that is not JSON counts as the text it is. */
  public static String of(ObjectMapper mapper, byte[] body) {
    StringBuilder text = new StringBuilder();
    try {
      JsonNode root = mapper.readTree(body);
      for (JsonNode choice : root.path("choices")) {
        text.append(choice.path("message").path("content").asText(""));
        text.append(choice.path("text").asText(""));
      }
      for (JsonNode item : root.path("output")) {
        for (JsonNode part : item.path("content")) {
          text.append(part.path("text").asText(""));
        }
      }
    } catch (IOException e) {
      return new String(body, StandardCharsets.UTF_8);
    }
    return text.toString();
  }
}
