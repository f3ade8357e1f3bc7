package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v1/messages} and {@code /v1/messages/count_tokens}, with the prompt cache. */
class MessagesTest {

  @RegisterExtension
  static final RunningSimulator SIM = new RunningSimulator();

  /** system: 6 words cached for an hour; first message: 1 + 4 words cached 5 minutes; then 1 + 2. */
  private static String request(String salt, boolean stream) {
    return "{\"model\":\"sim-small\",\"max_tokens\":7,\"stream\":" + stream + ","
        + "\"system\":[{\"type\":\"text\",\"text\":\"You are a careful agent " + salt + "\","
        + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"read the repo please\","
        + "\"cache_control\":{\"type\":\"ephemeral\"}}]},"
        + "{\"role\":\"user\",\"content\":\"then summarize\"}]}";
  }

  @Test
  void the_first_call_writes_the_cache_by_lifetime_and_the_second_reads_it() {
    JsonNode first = SimClient.parse(SIM.client().post("v1/messages", request("alpha", false)).body());
    JsonNode second = SimClient.parse(SIM.client().post("v1/messages", request("alpha", false)).body());

    assertThat(first.path("type").asText()).isEqualTo("message");
    assertThat(first.path("stop_reason").asText()).isEqualTo("max_tokens");
    JsonNode u = first.path("usage");
    assertThat(u.path("input_tokens").asInt()).isEqualTo(3 + 3); // priming + the last message
    assertThat(u.path("cache_creation").path("ephemeral_1h_input_tokens").asInt()).isEqualTo(6);
    assertThat(u.path("cache_creation").path("ephemeral_5m_input_tokens").asInt()).isEqualTo(5);
    assertThat(u.path("cache_creation_input_tokens").asInt()).isEqualTo(11);
    assertThat(u.path("cache_read_input_tokens").asInt()).isZero();
    assertThat(u.path("output_tokens").asInt()).isEqualTo(7);
    JsonNode again = second.path("usage");
    assertThat(again.path("cache_read_input_tokens").asInt()).isEqualTo(11);
    assertThat(again.path("cache_creation_input_tokens").asInt()).isZero();
  }

  @Test
  void a_stream_has_anthropics_event_sequence_and_cumulative_usage() {
    HttpResponse<String> response = SIM.client().post("v1/messages", request("beta", true));

    List<SimClient.Event> events = SimClient.events(response.body());
    assertThat(events).extracting(SimClient.Event::name).containsExactly("message_start",
        "content_block_start", "ping", "content_block_delta", "content_block_delta",
        "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
        "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    JsonNode start = events.get(0).json().path("message").path("usage");
    assertThat(start.path("cache_creation").path("ephemeral_1h_input_tokens").asInt()).isEqualTo(6);
    assertThat(start.path("output_tokens").asInt()).isEqualTo(1);
    JsonNode delta = events.get(11).json().path("usage");
    assertThat(delta.path("output_tokens").asInt()).isEqualTo(7);
    assertThat(delta.path("input_tokens").asInt()).isEqualTo(6);
  }

  @Test
  void count_tokens_counts_the_whole_prompt_and_touches_no_cache() {
    HttpResponse<String> counted = SIM.client().post("v1/messages/count_tokens", request("gamma", false));
    JsonNode first = SimClient.parse(SIM.client().post("v1/messages", request("gamma", false)).body());

    assertThat(SimClient.parse(counted.body()).path("input_tokens").asInt()).isEqualTo(17);
    assertThat(first.path("usage").path("cache_creation_input_tokens").asInt()).isEqualTo(11);
  }

  @Test
  void errors_are_in_anthropics_shape() {
    HttpResponse<String> noMax = SIM.client().post("v1/messages",
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    HttpResponse<String> overloaded = SIM.client().post("v1/messages", request("delta", false),
        "x-sim-fail", "503");

    assertThat(noMax.statusCode()).isEqualTo(400);
    assertThat(SimClient.parse(noMax.body()).path("error").path("type").asText())
        .isEqualTo("invalid_request_error");
    assertThat(SimClient.parse(noMax.body()).path("type").asText()).isEqualTo("error");
    assertThat(overloaded.statusCode()).isEqualTo(529);
    assertThat(SimClient.parse(overloaded.body()).path("error").path("type").asText())
        .isEqualTo("overloaded_error");
  }
}
