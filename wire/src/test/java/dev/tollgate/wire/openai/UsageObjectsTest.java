package dev.tollgate.wire.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.wire.openai.RawUsage.Shape;
import org.junit.jupiter.api.Test;

/** What the simulator writes is what the data planes read: the two halves of one shape. */
class UsageObjectsTest {

  private static RawUsage read(String wrapper, ObjectNode usage) {
    byte[] json = wrapper.replace("USAGE", usage.toString()).getBytes(UTF_8);
    return OpenAiUsageReader.read(json).orElseThrow();
  }

  @Test
  void chatUsageReadsBackAsWritten() {
    RawUsage raw = read("{\"choices\":[],\"usage\":USAGE}", UsageObjects.chat(7, 3));

    assertThat(raw.shape()).isEqualTo(Shape.PROMPT_COMPLETION);
    assertThat(UsageNormalizer.OPENAI.normalize(raw)).isEqualTo(TokenUsage.of(7, 3));
  }

  @Test
  void legacyAndEmbeddingsUsageReadBackAsWritten() {
    assertThat(UsageNormalizer.OPENAI.normalize(read("{\"usage\":USAGE}", UsageObjects.legacy(5, 2))))
        .isEqualTo(TokenUsage.of(5, 2));
    assertThat(UsageNormalizer.OPENAI.normalize(read("{\"usage\":USAGE}", UsageObjects.embeddings(9))))
        .isEqualTo(TokenUsage.of(9, 0));
  }

  @Test
  void responsesUsageReadsBackUnderTheStreamedEventsResponse() {
    RawUsage raw = read("{\"type\":\"response.completed\",\"response\":{\"usage\":USAGE}}",
        UsageObjects.responses(11, 4));

    assertThat(raw.shape()).isEqualTo(Shape.INPUT_OUTPUT);
    assertThat(UsageNormalizer.OPENAI.normalize(raw)).isEqualTo(TokenUsage.of(11, 4));
  }
}
