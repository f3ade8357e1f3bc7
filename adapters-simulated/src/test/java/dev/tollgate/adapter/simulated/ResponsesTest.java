package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResponsesTest {

  /** instructions (2 words) and input (3 words) are two messages: 3 + (1 + 2) + (1 + 3) = 10. */
  static final String REQUEST = "{\"model\":\"sim-small\",\"instructions\":\"Be brief\","
      + "\"input\":\"Tell a joke\"";
  static final int INPUT_TOKENS = 10;

  static Simulator simulator;
  static SimClient client;

  @BeforeAll
  static void start() {
    simulator = Simulator.start(SimulatorSettings.defaults().withDefaultMaxTokens(5));
    client = new SimClient(simulator);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @Test
  void aJsonReplyIsACompletedResponseWithOneOutputTextAndUsage() {
    HttpResponse<String> response = client.post("v1/responses", REQUEST + "}");
    JsonNode reply = SimClient.parse(response.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(reply.get("id").asText()).startsWith("resp_");
    assertThat(reply.get("object").asText()).isEqualTo("response");
    assertThat(reply.get("status").asText()).isEqualTo("completed");
    assertThat(reply.get("model").asText()).isEqualTo("sim-small");
    assertThat(reply.get("instructions").asText()).isEqualTo("Be brief");
    assertThat(reply.get("output")).hasSize(1);
    JsonNode message = reply.at("/output/0");
    assertThat(message.get("type").asText()).isEqualTo("message");
    assertThat(message.get("role").asText()).isEqualTo("assistant");
    assertThat(message.get("id").asText()).startsWith("msg_");
    assertThat(message.at("/content/0/type").asText()).isEqualTo("output_text");
    String text = message.at("/content/0/text").asText();
    JsonNode usage = reply.get("usage");
    assertThat(usage.get("output_tokens").asInt()).isEqualTo(Prompts.words(text)).isEqualTo(5);
    assertThat(usage.get("input_tokens").asInt()).isEqualTo(INPUT_TOKENS);
    assertThat(usage.get("total_tokens").asInt()).isEqualTo(INPUT_TOKENS + 5);
    assertThat(usage.at("/input_tokens_details/cached_tokens").asInt()).isZero();
    assertThat(usage.at("/output_tokens_details/reasoning_tokens").asInt()).isZero();
  }

  @Test
  void anInputArrayCountsLikeChatMessagesAndMaxOutputTokensCuts() {
    String body = "{\"model\":\"sim-small\",\"max_output_tokens\":2,\"input\":["
        + "{\"role\":\"user\",\"content\":\"one two\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"three\"}]}]}";
    JsonNode reply = SimClient.parse(client.post("v1/responses", body).body());

    assertThat(reply.at("/usage/input_tokens").asInt()).isEqualTo(3 + 3 + 2);
    assertThat(reply.at("/usage/output_tokens").asInt()).isEqualTo(2);
    assertThat(reply.get("max_output_tokens").asInt()).isEqualTo(2);
    assertThat(reply.get("status").asText()).isEqualTo("completed");
  }

  @Test
  void aStreamSendsNamedEventsWithOneDeltaPerTokenAndEndsWithTheCompletedResponse() {
    List<SimClient.Event> events = SimClient.events(
        client.post("v1/responses", REQUEST + ",\"stream\":true}").body());

    assertThat(events).extracting(SimClient.Event::name).containsExactly(
        "response.created", "response.in_progress", "response.output_item.added",
        "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
        "response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done",
        "response.completed");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).json().get("type").asText()).isEqualTo(events.get(i).name());
      assertThat(events.get(i).json().get("sequence_number").asInt()).isEqualTo(i);
    }
    assertThat(events.getFirst().json().at("/response/status").asText()).isEqualTo("in_progress");
    assertThat(events.getFirst().json().at("/response/usage").isNull()).isTrue();
    StringBuilder text = new StringBuilder();
    events.subList(4, 9).forEach(delta -> text.append(delta.json().get("delta").asText()));
    JsonNode completed = events.getLast().json().get("response");
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo(text.toString());
    assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(5);
    assertThat(completed.at("/usage/input_tokens").asInt()).isEqualTo(INPUT_TOKENS);
    assertThat(events.get(4).json().get("item_id").asText()).isEqualTo(completed.at("/output/0/id").asText());
    String json = client.post("v1/responses", REQUEST + "}").body();
    assertThat(SimClient.parse(json).at("/output/0/content/0/text").asText()).isEqualTo(text.toString());
  }

  @Test
  void theSameInputGivesTheSameBytesExceptIdsAndTimes() {
    String stream = REQUEST + ",\"stream\":true}";

    assertThat(SimClient.withoutIdsAndTimes(client.post("v1/responses", stream).body()))
        .isEqualTo(SimClient.withoutIdsAndTimes(client.post("v1/responses", stream).body()));
    assertThat(SimClient.withoutIdsAndTimes(client.post("v1/responses", REQUEST + "}").body()))
        .isEqualTo(SimClient.withoutIdsAndTimes(client.post("v1/responses", REQUEST + "}").body()));
  }
}
