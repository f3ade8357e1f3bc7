package dev.tollgate.adapter.agentgateway;

import static dev.tollgate.dataplane.http.LoopbackServer.request;
import static dev.tollgate.dataplane.http.LoopbackServer.respond;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.dataplane.http.LoopbackServer;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.wire.openai.OpenAiErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** agentgateway's wire behaviour, played by a real server on loopback. */
class AgentgatewayDataPlaneTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private LoopbackServer server;
  private AgentgatewayDataPlane plane;

  @AfterEach
  void stop() {
    if (plane != null) {
      plane.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theTenantsObjectiveAndFairnessIdBecomeTheEndpointPickersHeaders() throws Exception {
    start(AgentgatewaySettings::defaults, ok());

    send(request(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\"}", false, Optional.of("critical"),
        Optional.of("tenant-a"), TIMEOUT));

    LoopbackServer.Recorded seen = server.takeRequest();
    assertThat(seen.header("x-llm-d-inference-objective")).contains("critical");
    assertThat(seen.header("x-llm-d-inference-fairness-id")).contains("tenant-a");
    assertThat(seen.header("x-request-id")).contains("req-42");
    assertThat(seen.header("content-type")).contains("application/json");
  }

  @Test
  void noRoutingHeadersGoOutWhenTheTenantHasNone() throws Exception {
    start(AgentgatewaySettings::defaults, ok());

    send(request(Endpoint.EMBEDDINGS, "{}", false, Optional.empty(), Optional.of(" "), TIMEOUT));

    LoopbackServer.Recorded seen = server.takeRequest();
    assertThat(seen.path()).isEqualTo("/v1/embeddings");
    assertThat(seen.headers()).doesNotContainKeys(
        "x-llm-d-inference-objective", "x-llm-d-inference-fairness-id");
  }

  @Test
  void olderHeaderNamesCanBeConfigured() throws Exception {
    start(base -> new AgentgatewaySettings(base, Duration.ofSeconds(2), TIMEOUT,
        "x-gateway-inference-objective", "x-gateway-inference-fairness-id"), ok());

    send(request(Endpoint.CHAT_COMPLETIONS, "{}", false, Optional.of("batch"),
        Optional.of("t-1"), TIMEOUT));

    LoopbackServer.Recorded seen = server.takeRequest();
    assertThat(seen.header("x-gateway-inference-objective")).contains("batch");
    assertThat(seen.header("x-gateway-inference-fairness-id")).contains("t-1");
  }

  @Test
  void aStreamedAnthropicTranslationIsBilledWithItsCacheReadsApart() throws Exception {
    String sse = Snapshots.wireBody(
        "anthropic__stream_message_delta_usage.messages-completions-streaming.snap");
    start(AgentgatewaySettings::defaults,
        exchange -> respond(exchange, 200, "text/event-stream", sse, Map.of()));

    String received;
    try (UpstreamResponse response = plane.send(request(Endpoint.CHAT_COMPLETIONS, "{}", true,
        Optional.empty(), Optional.empty(), TIMEOUT))) {
      received = new String(response.body().readAllBytes(), UTF_8);
    }

    assertThat(Snapshots.streamUsage(plane, received))
        .contains(new TokenUsage(3883, 30464, 0, 49, 0));
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
    "429, rate limit exceeded, 429, upstream_saturated, 1",
    "503, no healthy upstream, 503, upstream_unavailable, 5",
    "404, route not found, 502, upstream_no_route, ",
    "504, request timeout, 504, upstream_timeout, ",
    "401, authentication failure: no bearer token found, 502, upstream_auth_failed, ",
  })
  void agentgatewaysPlainTextRejectionsAreRewrapped(
      int upstream, String text, int status, String code, Integer retrySeconds) throws Exception {
    start(AgentgatewaySettings::defaults,
        exchange -> respond(exchange, upstream, "text/plain", text, Map.of()));

    UpstreamError error;
    try (UpstreamResponse response = plane.send(request(Endpoint.CHAT_COMPLETIONS, "{}", false,
        Optional.empty(), Optional.empty(), TIMEOUT))) {
      error = plane.errorOf(response.head(), OpenAiErrors.readBounded(response.body()));
    }

    assertThat(error.status()).isEqualTo(status);
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.retryAfter())
        .isEqualTo(Optional.ofNullable(retrySeconds).map(Duration::ofSeconds));
  }

  @Test
  void anAgentgatewayThatIsDownIsUnreachable() {
    plane = new AgentgatewayDataPlane(
        AgentgatewaySettings.defaults(URI.create("http://127.0.0.1:" + closedPort())));

    assertThatThrownBy(() -> plane.send(request(Endpoint.CHAT_COMPLETIONS, "{}", false,
            Optional.empty(), Optional.empty(), TIMEOUT)))
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(DataPlaneException.Kind.UNREACHABLE));
  }

  private void start(
      Function<URI, AgentgatewaySettings> settings,
      LoopbackServer.Handler handler) {
    server = LoopbackServer.start(handler);
    plane = new AgentgatewayDataPlane(settings.apply(server.base()));
  }

  private void send(UpstreamRequest request) throws Exception {
    try (UpstreamResponse response = plane.send(request)) {
      assertThat(response.head().status()).isEqualTo(200);
      response.body().readAllBytes();
    }
  }

  private static LoopbackServer.Handler ok() {
    return exchange -> respond(exchange, 200, "application/json", "{\"usage\":null}", Map.of());
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
