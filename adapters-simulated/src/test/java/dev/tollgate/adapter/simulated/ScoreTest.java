package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator's score answers as vLLM's does: a score a pair, usage of every pair's tokens. */
class ScoreTest {

  @RegisterExtension
  static final RunningSimulator SIM = new RunningSimulator();

  @Test
  void oneTextAgainstManyIsScoredPairByPair() {
    HttpResponse<String> response = SIM.client().post("v1/score", "{\"model\":\"sim-embed\","
        + "\"text_1\":\"capital of France\",\"text_2\":[\"Paris is the capital of France\",\"Bananas\"]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode reply = SimClient.parse(response.body());
    assertThat(reply.get("object").asText()).isEqualTo("list");
    assertThat(reply.at("/data/0/score").asDouble()).isEqualTo(1.0);
    assertThat(reply.at("/data/1/score").asDouble()).isZero();
    assertThat(reply.at("/data/1/index").asInt()).isEqualTo(1);
    // (3 + 6) + (3 + 1)
    assertThat(reply.at("/usage/prompt_tokens").asInt()).isEqualTo(13);
    assertThat(reply.at("/usage/total_tokens").asInt()).isEqualTo(13);
    assertThat(reply.at("/usage/completion_tokens").asInt()).isZero();
  }

  @Test
  void asManyOnEachSideArePairedInOrderUnderAnyOfVllmsNames() {
    JsonNode reply = SimClient.parse(SIM.client().post("score", "{\"model\":\"sim-embed\","
        + "\"queries\":[\"red\",\"blue sky\"],\"items\":[\"red car\",\"green\"]}").body());

    assertThat(reply.at("/data/0/score").asDouble()).isEqualTo(1.0);
    assertThat(reply.at("/data/1/score").asDouble()).isZero();
    assertThat(reply.at("/usage/prompt_tokens").asInt()).isEqualTo(1 + 2 + 2 + 1);
  }

  @Test
  void unpairableSidesAreAFourHundred() {
    HttpResponse<String> uneven = SIM.client().post("v1/score",
        "{\"model\":\"sim-embed\",\"data_1\":[\"a\",\"b\"],\"data_2\":[\"c\",\"d\",\"e\"]}");
    HttpResponse<String> oneSide = SIM.client().post("v1/score", "{\"model\":\"sim-embed\",\"text_1\":\"a\"}");

    assertThat(uneven.statusCode()).isEqualTo(400);
    assertThat(SimClient.parse(uneven.body()).at("/error/param").asText()).isEqualTo("data_1");
    assertThat(oneSide.statusCode()).isEqualTo(400);
  }
}
