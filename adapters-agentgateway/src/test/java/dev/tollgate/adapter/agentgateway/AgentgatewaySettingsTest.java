package dev.tollgate.adapter.agentgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentgatewaySettingsTest {

  private static final URI BASE = URI.create("http://agentgateway:8080");

  @Test
  void defaultsUseTheLlmdHeaderNames() {
    AgentgatewaySettings settings = AgentgatewaySettings.defaults(BASE);

    assertThat(settings.objectiveHeader()).isEqualTo("x-llm-d-inference-objective");
    assertThat(settings.fairnessHeader()).isEqualTo("x-llm-d-inference-fairness-id");
    assertThat(settings.requestTimeout()).isPositive();
  }

  @Test
  void nonsenseIsRefused() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> AgentgatewaySettings.defaults(URI.create("unix:/tmp/gw")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentgatewaySettings(BASE, Duration.ZERO, second, "a", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentgatewaySettings(BASE, second, second, "X-Upper", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentgatewaySettings(BASE, second, second, "host", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentgatewaySettings(BASE, second, second, "same", "same"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
