package dev.tollgate.wire.anthropic;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.usage.MessagesUsage;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the simulator writes in Anthropic's shape is what the data planes read. */
class MessagesUsageObjectsTest {

  @Test
  void aMessageStartsUsageReadsBackFieldByField() {
    String json = "{\"type\":\"message_start\",\"message\":{\"usage\":"
        + MessagesUsageObjects.of(10, 4, 2, 1, 1, true) + "}}";

    MessagesUsage usage = AnthropicUsageReader.read(json.getBytes(UTF_8)).orElseThrow();

    assertThat(usage).isEqualTo(new MessagesUsage(OptionalLong.of(10), OptionalLong.of(4),
        OptionalLong.of(3), OptionalLong.of(2), OptionalLong.of(1), OptionalLong.of(1)));
  }

  @Test
  void aDeltasUsageCarriesTheCountsWithoutTheSplit() {
    String json = "{\"type\":\"message_delta\",\"usage\":"
        + MessagesUsageObjects.of(10, 4, 2, 1, 30, false) + "}";

    MessagesUsage usage = AnthropicUsageReader.read(json.getBytes(UTF_8)).orElseThrow();

    assertThat(usage.outputTokens()).hasValue(30);
    assertThat(usage.cacheCreationInputTokens()).hasValue(3);
    assertThat(usage.ephemeral5mInputTokens()).isEmpty();
  }
}
