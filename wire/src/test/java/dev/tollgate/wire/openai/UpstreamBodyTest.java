package dev.tollgate.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.port.out.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The body the data plane gets, and the usage Tollgate asks for on the client's behalf and cuts. */
class UpstreamBodyTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final RequestParser PARSER = new RequestParser(MAPPER, 8);

  private static ClientRequest parse(Endpoint endpoint, String json) throws Exception {
    return PARSER.parse(endpoint, json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode sent(ClientRequest request, OptionalLong clamp) throws Exception {
    return MAPPER.readTree(UpstreamBody.of(MAPPER, request, "upstream-7b", clamp));
  }

  @Test
  void aChatStreamAsksForUsageUnderTheUpstreamModelName() throws Exception {
    ClientRequest request = parse(Endpoint.CHAT_COMPLETIONS,
        "{\"model\":\"alias\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    JsonNode body = sent(request, OptionalLong.empty());

    assertThat(body.path("model").asText()).isEqualTo("upstream-7b");
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(body.has("max_completion_tokens")).isFalse();
    assertThat(UpstreamBody.cutsUsage(request)).isTrue();
  }

  @Test
  void aClientThatAskedForUsageKeepsIt() throws Exception {
    ClientRequest request = parse(Endpoint.COMPLETIONS, "{\"model\":\"m\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true,\"x\":1},\"prompt\":\"hi\",\"max_tokens\":900}");

    JsonNode body = sent(request, OptionalLong.of(100));

    assertThat(body.path("stream_options").path("x").asInt()).isEqualTo(1);
    assertThat(body.path("max_tokens").asLong()).isEqualTo(100);
    assertThat(UpstreamBody.cutsUsage(request)).isFalse();
  }

  @Test
  void theResponsesApiIsNeitherAskedNorCut() throws Exception {
    ClientRequest request = parse(Endpoint.RESPONSES, "{\"model\":\"m\",\"stream\":true,\"input\":\"hi\"}");

    JsonNode body = sent(request, OptionalLong.of(50));

    assertThat(body.has("stream_options")).isFalse();
    assertThat(body.path("max_output_tokens").asLong()).isEqualTo(50);
    assertThat(UpstreamBody.cutsUsage(request)).isFalse();
  }

  @Test
  void aWholeAnswerIsNotAskedForStreamUsage() throws Exception {
    ClientRequest request = parse(Endpoint.CHAT_COMPLETIONS,
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(sent(request, OptionalLong.empty()).has("stream_options")).isFalse();
  }

  @Test
  void onlyTheUsageOnlyChunkIsDroppedAndOnlyWhenTheClientDidNotAsk() {
    JsonFactory json = new JsonFactory();
    byte[] usageChunk = "{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}".getBytes(StandardCharsets.UTF_8);
    byte[] textChunk = "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}".getBytes(StandardCharsets.UTF_8);
    EventText.Scan usage = EventText.scan(json, usageChunk, 0, usageChunk.length);
    EventText.Scan text = EventText.scan(json, textChunk, 0, textChunk.length);

    assertThat(UpstreamBody.isUsageChunkToDrop(false, true, usage)).isTrue();
    assertThat(UpstreamBody.isUsageChunkToDrop(true, true, usage)).isFalse();
    assertThat(UpstreamBody.isUsageChunkToDrop(false, false, usage)).isFalse();
    assertThat(UpstreamBody.isUsageChunkToDrop(false, true, text)).isFalse();
  }
}
