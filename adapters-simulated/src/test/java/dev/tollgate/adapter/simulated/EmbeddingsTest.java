package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddingsTest {

  @RegisterExtension
  static final RunningSimulator SIM = new RunningSimulator();

  static JsonNode embed(String input, String extra) {
    HttpResponse<String> response = SIM.client().post("v1/embeddings",
        "{\"model\":\"sim-embed\",\"input\":" + input + extra + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return SimClient.parse(response.body());
  }

  @Test
  void aStringGetsOneUnitVectorOfEightFloatsAndItsWordCount() {
    JsonNode reply = embed("\"the quick brown fox\"", "");

    assertThat(reply.get("object").asText()).isEqualTo("list");
    assertThat(reply.get("model").asText()).isEqualTo("sim-embed");
    assertThat(reply.get("data")).hasSize(1);
    JsonNode item = reply.get("data").get(0);
    assertThat(item.get("object").asText()).isEqualTo("embedding");
    assertThat(item.get("index").asInt()).isZero();
    assertThat(item.get("embedding")).hasSize(EmbeddingsEndpoint.DEFAULT_DIMENSIONS);
    double squares = 0;
    for (JsonNode value : item.get("embedding")) {
      squares += value.asDouble() * value.asDouble();
    }
    assertThat(squares).isCloseTo(1.0, within(1e-5));
    assertThat(reply.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
    assertThat(reply.at("/usage/total_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void anArrayGetsOneVectorPerInputAndEqualInputsGetEqualVectors() {
    JsonNode reply = embed("[\"alpha beta\",\"gamma\",\"alpha beta\"]", "");

    assertThat(reply.get("data")).hasSize(3);
    assertThat(reply.at("/data/2/index").asInt()).isEqualTo(2);
    assertThat(reply.at("/data/0/embedding")).isEqualTo(reply.at("/data/2/embedding"));
    assertThat(reply.at("/data/0/embedding")).isNotEqualTo(reply.at("/data/1/embedding"));
    assertThat(reply.at("/data/0/embedding")).isEqualTo(embed("\"alpha beta\"", "").at("/data/0/embedding"));
    assertThat(reply.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
  }

  @Test
  void base64PacksTheSameFloatsLittleEndian() {
    JsonNode floats = embed("\"pack me\"", "").at("/data/0/embedding");
    String packed = embed("\"pack me\"", ",\"encoding_format\":\"base64\"").at("/data/0/embedding").asText();

    ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(packed)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(buffer.remaining()).isEqualTo(EmbeddingsEndpoint.DEFAULT_DIMENSIONS * Float.BYTES);
    for (JsonNode value : floats) {
      assertThat(buffer.getFloat()).isEqualTo(value.floatValue());
    }
  }

  @Test
  void dimensionsAndTokenArraysAreHonoured() {
    assertThat(embed("\"short\"", ",\"dimensions\":3").at("/data/0/embedding")).hasSize(3);
    assertThat(embed("[1,2,3,4,5]", "").at("/usage/prompt_tokens").asInt()).isEqualTo(5);
    JsonNode many = embed("[[1,2],[3]]", "");
    assertThat(many.get("data")).hasSize(2);
    assertThat(many.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void inputThatIsNeitherTextNorTokensIsABadRequest() {
    HttpResponse<String> response = SIM.client().post("v1/embeddings", "{\"model\":\"sim-embed\",\"input\":[{}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimClient.parse(response.body()).at("/error/param").asText()).isEqualTo("input");
  }
}
