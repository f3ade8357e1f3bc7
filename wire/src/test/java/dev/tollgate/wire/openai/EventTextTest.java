package dev.tollgate.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one-pass scan of a stream event's JSON: the text it carries and the usage-only shape. */
class EventTextTest {

  private static final JsonFactory JSON = new JsonFactory();

  private static EventText.Scan scan(String json) {
    byte[] padded = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
    return EventText.scan(JSON, padded, 2, padded.length - 4);
  }

  @Test
  void chatDeltasGiveTheirContentAndReasoning() {
    EventText.Scan s = scan("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"think \",\"content\":\"héllo\","
        + "\"tool_calls\":[{\"function\":{\"arguments\":\"{}\"}}]},\"logprobs\":null}],\"usage\":null}");

    assertThat(s.text()).isEqualTo("think héllo");
    assertThat(s.emptyChoices()).isFalse();
  }

  @Test
  void completionsGiveTheirText() {
    assertThat(scan("{\"choices\":[{\"text\":\"a\"},{\"text\":\"b\"}]}").text()).isEqualTo("ab");
  }

  @Test
  void theUsageOnlyChunkHasEmptyChoices() {
    EventText.Scan s = scan("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}");

    assertThat(s.emptyChoices()).isTrue();
    assertThat(s.text()).isEmpty();
  }

  @Test
  void responsesDeltasCountOnlyOnDeltaEvents() {
    assertThat(scan("{\"delta\":\"x\",\"type\":\"response.output_text.delta\"}").text()).isEqualTo("x");
    assertThat(scan("{\"type\":\"response.output_text.done\",\"delta\":\"x\"}").text()).isEmpty();
    assertThat(scan("{\"type\":\"response.completed\",\"response\":{\"output\":[{\"text\":\"no\"}]}}")
        .text()).isEmpty();
  }

  @Test
  void anythingElseIsNoTextAndNeverThrows() {
    assertThat(scan("[DONE]").text()).isEmpty();
    assertThat(scan("{\"choices\":").text()).isEmpty();
    assertThat(scan("{\"choices\":null}").emptyChoices()).isFalse();
    assertThat(scan("{\"choices\":{\"text\":\"x\"}}").text()).isEmpty();
    assertThat(scan("not json").emptyChoices()).isFalse();
  }
}
