package dev.tollgate.adapter.envoyaigw;

import static dev.tollgate.dataplane.http.LoopbackServer.respond;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.dataplane.http.LoopbackServer;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the adapter tells Envoy AI Gateway, seen by a real server on loopback. */
class EnvoyAiGatewayDataPlaneTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private LoopbackServer server;
  private EnvoyAiGatewayDataPlane plane;

  @AfterEach
  void stop() {
    plane.close();
    server.close();
  }

  @Test
  void theModelRoutesAndTheTenantKeysTheQuota() throws Exception {
    start(UnaryOperator.identity(), Optional.empty());

    send(request("meta-llama/Llama-3.1-8B-Instruct", Optional.of("critical"), Optional.of("acme")));

    LoopbackServer.Recorded seen = server.takeRequest();
    assertThat(seen.header("x-ai-eg-model")).contains("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(seen.header("x-tenant-id")).contains("acme");
    assertThat(seen.header("x-llm-d-inference-objective")).contains("critical");
    assertThat(seen.header("x-llm-d-inference-fairness-id")).contains("acme");
    assertThat(seen.header("x-request-id")).contains("req-1");
    assertThat(seen.headers()).doesNotContainKey("authorization");
    assertThat(new String(seen.body(), UTF_8)).contains("meta-llama/Llama-3.1-8B-Instruct");
  }

  @Test
  void theTenantHeaderIsConfigurableAndTheModelHeaderCanBeLeftToTheGateway() throws Exception {
    start(settings -> settings.withTenantHeader("x-org-id").withModelHeader(false),
        Optional.empty());

    send(request("gpt-5-nano", Optional.empty(), Optional.of(" ")));

    LoopbackServer.Recorded seen = server.takeRequest();
    assertThat(seen.header("x-org-id")).contains("acme");
    assertThat(seen.headers()).doesNotContainKeys("x-ai-eg-model", "x-tenant-id",
        "x-llm-d-inference-objective", "x-llm-d-inference-fairness-id");
  }

  @Test
  void aListenerCredentialIsSentAsABearerToken() throws Exception {
    start(UnaryOperator.identity(), Optional.of("eg-api-key"));

    send(request("gpt-5-nano", Optional.empty(), Optional.empty()));

    assertThat(server.takeRequest().header("authorization")).contains("Bearer eg-api-key");
  }

  @Test
  void aModelNameNoHeaderCanCarryGoesInTheBodyOnly() throws Exception {
    start(UnaryOperator.identity(), Optional.empty());

    send(request("modèle-français", Optional.empty(), Optional.empty()));

    LoopbackServer.Recorded seen = server.takeRequest();
    assertThat(seen.headers()).doesNotContainKey("x-ai-eg-model");
    assertThat(new String(seen.body(), UTF_8)).contains("modèle-français");
  }

  @Test
  void itIsNamedForConfiguration() {
    start(UnaryOperator.identity(), Optional.empty());

    assertThat(plane.name()).isEqualTo("envoy-aigw");
  }

  private void start(UnaryOperator<EnvoyAiGatewaySettings> settings, Optional<String> bearer) {
    server = LoopbackServer.start(exchange -> respond(exchange, 200, "application/json",
        "{\"usage\":null}", Map.of()));
    plane = new EnvoyAiGatewayDataPlane(
        settings.apply(EnvoyAiGatewaySettings.defaults(server.base())), bearer);
  }

  private void send(UpstreamRequest request) throws Exception {
    try (UpstreamResponse response = plane.send(request)) {
      assertThat(response.head().status()).isEqualTo(200);
      response.body().readAllBytes();
    }
  }

  private static UpstreamRequest request(
      String model, Optional<String> objective, Optional<String> fairness) {
    String body = "{\"model\":\"" + model + "\",\"messages\":[]}";
    return new UpstreamRequest(Endpoint.CHAT_COMPLETIONS, body.getBytes(UTF_8), false,
        RequestId.of("req-1"), ModelName.of(model), TenantId.of("acme"), objective, fairness,
        TIMEOUT);
  }
}
