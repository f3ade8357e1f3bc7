package dev.tollgate.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The produced text of a whole answer, counted when no usage came back. */
class AnswerTextTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String text(String body) {
    return AnswerText.of(MAPPER, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void chatMessagesAndCompletionTexts() {
    assertThat(text("{\"choices\":[{\"message\":{\"content\":\"Hello\"}},{\"text\":\" there\"}]}"))
        .isEqualTo("Hello there");
  }

  @Test
  void responsesOutputParts() {
    assertThat(text("{\"output\":[{\"content\":[{\"type\":\"output_text\",\"text\":\"a\"},"
        + "{\"text\":\"b\"}]},{\"type\":\"reasoning\"}]}")).isEqualTo("ab");
  }

  @Test
  void aBodyThatIsNotJsonCountsAsItsText() {
    assertThat(text("plain words")).isEqualTo("plain words");
  }
}
