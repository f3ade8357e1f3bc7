package dev.tollgate.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The model and usage splices keep every other byte, wherever the members sit. */
class AnswerEditTest {

  private static final JsonFactory JSON = new JsonFactory();

  private static String edit(String model, boolean dropUsage, String json) {
    byte[] padded = ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    int to = padded.length - 2;
    EventText.Scan scan = EventText.scan(JSON, padded, 6, to - 6);
    byte[] out = new AnswerEdit(model, dropUsage).edit(padded, 6, to, scan);
    return out == null ? null : new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void usageIsCutWhereverItSitsAndTheJsonStaysWellFormed() {
    assertThat(edit("m", true, "{\"usage\":null, \"a\":1,\"model\":\"m\"}"))
        .isEqualTo("{\"a\":1,\"model\":\"m\"}");
    assertThat(edit("m", true, "{\"a\":1 , \"usage\" : null }")).isEqualTo("{\"a\":1 }");
    assertThat(edit("m", true, "{ \"usage\":{\"prompt_tokens\":1} }")).isEqualTo("{ }");
    assertThat(edit("m", true, "{\"a\":[1,{\"usage\":null}],\"b\":2}")).isNull();
  }

  @Test
  void theModelBecomesTheNameAskedForEscapedAsJson() {
    assertThat(edit("fast \"v2\"", false, "{\"model\":\"up\\\"stream\",\"usage\":null}"))
        .isEqualTo("{\"model\":\"fast \\\"v2\\\"\",\"usage\":null}");
    assertThat(edit("fast", true, "{\"usage\":null,\"model\":\"up\"}"))
        .isEqualTo("{\"model\":\"fast\"}");
    assertThat(edit("fast", true, "{\"model\":\"up\",\"usage\":null}"))
        .isEqualTo("{\"model\":\"fast\"}");
  }

  @Test
  void anEventThatAlreadySaysWhatTheClientAskedIsLeftAlone() {
    assertThat(edit("m", true, "{\"model\":\"m\",\"choices\":[]}")).isNull();
    assertThat(edit("m", false, "{\"model\":\"m\",\"usage\":null}")).isNull();
  }

  @Test
  void aResponsesEventNamesTheModelInsideItsResponse() {
    assertThat(edit("fast", false,
        "{\"type\":\"response.created\",\"response\":{\"id\":\"r\",\"model\":\"up\",\"output\":[]}}"))
        .isEqualTo(
            "{\"type\":\"response.created\",\"response\":{\"id\":\"r\",\"model\":\"fast\",\"output\":[]}}");
  }

  @Test
  void whatIsNotOneJsonObjectIsNotAnObject() {
    for (String notJson : new String[] {"<html>", "{\"a\":1", "{\"a\":1}x", "[1]", ""}) {
      byte[] b = notJson.getBytes(StandardCharsets.UTF_8);
      assertThat(EventText.scan(JSON, b, 0, b.length).object()).as(notJson).isFalse();
    }
  }
}
