package dev.tollgate.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.port.out.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code metadata.tags} read, bounded, and taken out of the body the data plane gets. */
class TagsFieldTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final RequestParser PARSER = new RequestParser(MAPPER, 8);
  private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"hi\"}],\"metadata\":";

  private static ClientRequest parse(Endpoint endpoint, String json) throws Exception {
    return PARSER.parse(endpoint, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anArrayOrACommaSeparatedStringNamesTheTagsEachOnce() throws Exception {
    assertThat(parse(Endpoint.CHAT_COMPLETIONS, CHAT + "{\"tags\":[\"b\",\"a\",\"b\"]}}").tags())
        .isEqualTo(Tags.of("a", "b"));
    assertThat(parse(Endpoint.CHAT_COMPLETIONS, CHAT + "{\"tags\":\" team:x , env=prod,\"}}")
        .tags()).isEqualTo(Tags.of("env=prod", "team:x"));
    assertThat(parse(Endpoint.EMBEDDINGS, "{\"model\":\"m\",\"input\":\"hi\","
        + "\"metadata\":{\"tags\":[\"e\"]}}").tags()).isEqualTo(Tags.of("e"));
    assertThat(parse(Endpoint.CHAT_COMPLETIONS, CHAT + "{\"k\":\"v\"}}").tags()).isEqualTo(Tags.NONE);
    assertThat(parse(Endpoint.CHAT_COMPLETIONS, CHAT + "null}").tags()).isEqualTo(Tags.NONE);
  }

  @Test
  void brokenTagsAreA400NamingTheField() {
    String eleven = "[\"t0\",\"t1\",\"t2\",\"t3\",\"t4\",\"t5\",\"t6\",\"t7\",\"t8\",\"t9\",\"t10\"]";
    for (String tags : new String[] {eleven, "[\"" + "x".repeat(65) + "\"]", "[\"a b\"]",
        "[\"a/b\"]", "[1]", "{}", "7", "[\"\"]"}) {
      assertThatThrownBy(() -> parse(Endpoint.CHAT_COMPLETIONS, CHAT + "{\"tags\":" + tags + "}}"))
          .as(tags).isInstanceOfSatisfying(RequestParser.BadRequest.class,
              e -> assertThat(e.param()).isEqualTo("metadata.tags"));
    }
  }

  @Test
  void theDataPlaneGetsTheMetadataWithoutTheTags() throws Exception {
    ClientRequest both = parse(Endpoint.CHAT_COMPLETIONS, CHAT + "{\"tags\":[\"a\"],\"k\":\"v\"}}");
    JsonNode sent = MAPPER.readTree(UpstreamBody.of(MAPPER, both, "up", OptionalLong.empty()));
    assertThat(sent.path("metadata").toString()).isEqualTo("{\"k\":\"v\"}");

    ClientRequest only = parse(Endpoint.RESPONSES, "{\"model\":\"m\",\"input\":\"hi\","
        + "\"metadata\":{\"tags\":\"a,b\"}}");
    JsonNode alone = MAPPER.readTree(UpstreamBody.of(MAPPER, only, "up", OptionalLong.empty()));
    assertThat(alone.has("metadata")).as("an emptied metadata is taken out").isFalse();
    assertThat(only.tags()).isEqualTo(Tags.of("a", "b"));
  }
}
