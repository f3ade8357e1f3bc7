package dev.tollgate.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.port.out.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A score request as admission reads it: two sides under any of vLLM's names, paired. */
class ScoreRequestTest {

  private static final RequestParser PARSER = new RequestParser(new ObjectMapper(), 8);

  private static ClientRequest parse(String json) throws RequestParser.BadRequest {
    return PARSER.parse(Endpoint.SCORE, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oneTextAgainstManyIsReadOncePerPair() throws Exception {
    ClientRequest request = parse("{\"model\":\"bge\",\"text_1\":\"capital of France\","
        + "\"text_2\":[\"Paris\",\"Berlin\",\"Rome\"]}");

    assertThat(request.maxCompletionTokens()).isEqualTo(OptionalLong.of(0));
    assertThat(request.promptText()).isEqualTo("capital of France\nParis\nBerlin\nRome\n");
    assertThat(request.promptParts()).isEqualTo(4);
    assertThat(CrossEncoderPairs.repeatedText(request)).isEqualTo("capital of France\n");
    assertThat(CrossEncoderPairs.repeats(request)).isEqualTo(2);
  }

  @Test
  void asManyOnEachSideArePairedInOrderAndNothingRepeats() throws Exception {
    ClientRequest request = parse("{\"model\":\"bge\",\"queries\":[\"a\",\"b\"],\"documents\":[\"c\",\"d\"]}");

    assertThat(request.promptText()).isEqualTo("a\nb\nc\nd\n");
    assertThat(CrossEncoderPairs.repeats(request)).isZero();
  }

  @Test
  void everyNameVllmTakesIsASide() throws Exception {
    for (String[] names : new String[][] {{"queries", "documents"}, {"queries", "items"},
        {"data_1", "data_2"}, {"text_1", "text_2"}}) {
      ClientRequest request = parse("{\"model\":\"m\",\"" + names[0] + "\":[\"q\"],\""
          + names[1] + "\":[\"x\",\"y\"]}");

      assertThat(request.promptText()).as(names[0]).isEqualTo("q\nx\ny\n");
      assertThat(CrossEncoderPairs.repeats(request)).as(names[0]).isEqualTo(1);
    }
  }

  @Test
  void eachMistakeNamesItsField() {
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"text_1\":\"q\"}"))
        .extracting("param").isEqualTo("text_1");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"text_1\":\"\",\"text_2\":\"d\"}"))
        .extracting("param").isEqualTo("text_1");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"text_1\":\"q\",\"text_2\":[]}"))
        .extracting("param").isEqualTo("text_2");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"text_1\":\"q\",\"text_2\":[\"a\",5]}"))
        .hasMessage("text_2[1] must be a string or an object").extracting("param").isEqualTo("text_2");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"queries\":[\"a\",\"b\"],\"items\":[\"c\",\"d\",\"e\"]}"))
        .hasMessage("queries must hold one item, or as many as items (3), not 2")
        .extracting("param").isEqualTo("queries");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"text_1\":\"q\",\"text_2\":\"d\",\"stream\":true}"))
        .hasMessage("Score requests cannot be streamed.").extracting("param").isEqualTo("stream");
  }
}
