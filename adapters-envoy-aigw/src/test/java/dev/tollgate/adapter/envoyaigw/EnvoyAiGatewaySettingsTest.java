package dev.tollgate.adapter.envoyaigw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvoyAiGatewaySettingsTest {

  private static final URI BASE = URI.create("http://envoy-ai-gateway:8080");

  @Test
  void defaultsKeyQuotasOnXTenantIdAndSendTheModelHeader() {
    EnvoyAiGatewaySettings settings = EnvoyAiGatewaySettings.defaults(BASE);

    assertThat(settings.tenantHeader()).isEqualTo("x-tenant-id");
    assertThat(settings.sendModelHeader()).isTrue();
    assertThat(settings.objectiveHeader()).isEqualTo("x-llm-d-inference-objective");
    assertThat(settings.requestTimeout()).isPositive();
  }

  @Test
  void theWithersChangeOneThing() {
    EnvoyAiGatewaySettings settings = EnvoyAiGatewaySettings.defaults(BASE)
        .withTenantHeader("x-org").withModelHeader(false)
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30));

    assertThat(settings).isEqualTo(new EnvoyAiGatewaySettings(BASE, Duration.ofSeconds(1),
        Duration.ofSeconds(30), "x-org", false, "x-llm-d-inference-objective",
        "x-llm-d-inference-fairness-id"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Tenant", "x tenant", "", "host", "authorization", "x-ai-eg-model",
      "x-request-id", "x-llm-d-inference-objective"})
  void aTenantHeaderThatIsNotOursToSetIsRefused(String header) {
    assertThatThrownBy(() -> EnvoyAiGatewaySettings.defaults(BASE).withTenantHeader(header))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> EnvoyAiGatewaySettings.defaults(URI.create("unix:/tmp/gw")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnvoyAiGatewaySettings.defaults(BASE)
        .withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
