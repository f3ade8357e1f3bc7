package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompletionsTest {

  static Simulator simulator;
  static SimClient client;

  @BeforeAll
  static void start() {
    simulator = Simulator.start(SimulatorSettings.defaults().withDefaultMaxTokens(6));
    client = new SimClient(simulator);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @Test
  void aJsonReplyHasTheLegacyTextShapeAndCountsWords() {
    HttpResponse<String> response = client.post("v1/completions",
        "{\"model\":\"sim-large\",\"prompt\":\"def fib(n): return n\"}");
    JsonNode reply = SimClient.parse(response.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(reply.get("id").asText()).startsWith("cmpl-");
    assertThat(reply.get("object").asText()).isEqualTo("text_completion");
    assertThat(reply.get("model").asText()).isEqualTo("sim-large");
    JsonNode choice = reply.get("choices").get(0);
    assertThat(choice.get("index").asInt()).isZero();
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(Prompts.words(choice.get("text").asText())).isEqualTo(6);
    assertThat(reply.get("usage").get("prompt_tokens").asInt()).isEqualTo(4);
    assertThat(reply.get("usage").get("completion_tokens").asInt()).isEqualTo(6);
    assertThat(reply.get("usage").get("total_tokens").asInt()).isEqualTo(10);
    assertThat(reply.get("usage").has("prompt_tokens_details")).isFalse();
  }

  @Test
  void anArrayPromptIsOnePromptWithOneChoice() {
    JsonNode reply = SimClient.parse(client.post("v1/completions",
        "{\"model\":\"sim-small\",\"prompt\":[\"one two\",\"three\"],\"max_tokens\":2}").body());

    assertThat(reply.get("choices")).hasSize(1);
    assertThat(reply.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    assertThat(reply.at("/usage/completion_tokens").asInt()).isEqualTo(2);
    assertThat(reply.at("/choices/0/finish_reason").asText()).isEqualTo("length");
  }

  @Test
  void aStreamSendsOneTextChunkPerTokenThenFinishUsageAndDone() {
    String body = "{\"model\":\"sim-small\",\"prompt\":\"once upon a time\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true}}";
    List<SimClient.Event> events = SimClient.events(client.post("v1/completions", body).body());

    assertThat(events).hasSize(6 + 1 + 1 + 1);
    assertThat(events.getLast().isDone()).isTrue();
    StringBuilder text = new StringBuilder();
    for (SimClient.Event event : events.subList(0, 6)) {
      assertThat(event.json().get("object").asText()).isEqualTo("text_completion");
      assertThat(event.json().get("usage").isNull()).isTrue();
      text.append(event.json().at("/choices/0/text").asText());
    }
    assertThat(events.get(6).json().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(events.get(6).json().at("/choices/0/text").asText()).isEmpty();
    JsonNode usage = events.get(7).json();
    assertThat(usage.get("choices").isEmpty()).isTrue();
    assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(6);
    String json = "{\"model\":\"sim-small\",\"prompt\":\"once upon a time\"}";
    assertThat(text.toString())
        .isEqualTo(SimClient.parse(client.post("v1/completions", json).body()).at("/choices/0/text").asText());
  }

  @Test
  void aStreamWithoutUsageEndsWithFinishAndDone() {
    String body = "{\"model\":\"sim-small\",\"prompt\":\"hi\",\"stream\":true}";
    List<SimClient.Event> events = SimClient.events(client.post("v1/completions", body).body());

    assertThat(events).hasSize(6 + 1 + 1);
    assertThat(events.subList(0, 7)).allSatisfy(event -> assertThat(event.json().has("usage")).isFalse());
  }

  @Test
  void theSamePromptGivesTheSameBytesExceptIdsAndTimes() {
    String body = "{\"model\":\"sim-small\",\"prompt\":\"same\",\"stream\":true}";

    assertThat(SimClient.withoutIdsAndTimes(client.post("v1/completions", body).body()))
        .isEqualTo(SimClient.withoutIdsAndTimes(client.post("v1/completions", body).body()));
  }
}
