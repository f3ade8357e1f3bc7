package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {

  @Test
  void theModelListNamesExactlyTheServedModels() {
    try (Simulator simulator = Simulator.start(SimulatorSettings.defaults())) {
      HttpResponse<String> response = new SimClient(simulator).get("v1/models");
      JsonNode list = SimClient.parse(response.body());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(list.get("object").asText()).isEqualTo("list");
      assertThat(list.get("data").findValuesAsText("id")).containsExactly("sim-small", "sim-large", "sim-embed");
      assertThat(list.get("data")).allSatisfy(model -> {
        assertThat(model.get("object").asText()).isEqualTo("model");
        assertThat(model.get("owned_by").asText()).isEqualTo("tollgate-simulator");
        assertThat(model.get("created").asLong()).isEqualTo(Simulator.MODELS_CREATED_EPOCH_SECONDS);
      });
    }
  }

  @Test
  void configuredModelsReplaceTheDefaults() {
    SimulatorSettings settings = SimulatorSettings.defaults().withModels(List.of("gpt-4o-mini", "llama\"3"));
    try (Simulator simulator = Simulator.start(settings)) {
      SimClient client = new SimClient(simulator);
      String chat = "{\"model\":\"%s\",\"messages\":[{\"content\":\"x\"}],\"stream\":true}";

      assertThat(SimClient.parse(client.get("v1/models").body()).get("data").findValuesAsText("id"))
          .containsExactly("gpt-4o-mini", "llama\"3");
      assertThat(client.post("v1/chat/completions", chat.formatted("sim-small")).statusCode()).isEqualTo(404);
      String quoted = client.post("v1/chat/completions", chat.formatted("llama\\\"3")).body();
      assertThat(SimClient.events(quoted).getFirst().json().get("model").asText()).isEqualTo("llama\"3");
    }
  }

  @Test
  void theFailHeaderWorksOnTheModelListToo() {
    try (Simulator simulator = Simulator.start(SimulatorSettings.defaults())) {
      HttpResponse<String> response = new SimClient(simulator).get("v1/models", "x-sim-fail", "503");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    }
  }

  @Test
  void theBaseUriPointsAtTheEphemeralPort() {
    try (Simulator simulator = Simulator.start(SimulatorSettings.defaults())) {
      assertThat(simulator.port()).isPositive();
      assertThat(simulator.baseUri().toString()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/");
      assertThat(simulator.openAiBaseUri().toString()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v1");
    }
  }
}
