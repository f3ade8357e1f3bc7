package dev.tollgate.adapter.envoyaigw;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.envoyaigw.Cassettes.Cassette;
import dev.tollgate.dataplane.http.LoopbackServer;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.contract.StreamReader;
import dev.tollgate.wire.openai.OpenAiErrors;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded exchange replayed through the adapter: the recorded request goes out through it
 * to a loopback server that answers with the recorded response. The expectations are derived by
 * hand from the recorded usage: TokenUsage(fresh input, cache reads, cache writes, visible output,
 * reasoning), or the error a client gets.
 */
class EnvoyAiGatewayCassettesTest {

  private static final Map<String, Object> EXPECTED = Map.ofEntries(
      // prompt 8; completion 377 includes reasoning 320; total 385 = 8 + 377.
      entry("chat-basic.yaml", usage(8, 0, 0, 57, 320)),
      // prompt 12; completion 100, every token of it reasoning (finish_reason length).
      entry("chat-detailed-usage.yaml", usage(12, 0, 0, 0, 100)),
      // prompt 27; completion 267 includes reasoning 192.
      entry("chat-reasoning.yaml", usage(27, 0, 0, 75, 192)),
      // the final choices:[] chunk: 12 / 100 / reasoning 100.
      entry("chat-streaming-detailed-usage.yaml", usage(12, 0, 0, 0, 100)),
      // recorded without stream_options: no chunk carries usage (Tollgate always asks for it).
      entry("chat-streaming.yaml", Optional.empty()),
      // legacy completions, final chunk: 31 / 25.
      entry("completion-streaming-usage.yaml", usage(31, 0, 0, 25, 0)),
      entry("chat-bad-request.yaml", new UpstreamError(400, "invalid_request_error",
          "unsupported_parameter", "Unsupported parameter: 'max_tokens' is not supported with "
              + "this model. Use 'max_completion_tokens' instead.", Optional.empty(),
          Optional.of("max_tokens"))),
      entry("chat-unknown-model.yaml", new UpstreamError(404, "invalid_request_error",
          "model_not_found", "The model `gpt-4.1-nano-wrong` does not exist or you do not have "
              + "access to it.", Optional.empty(), Optional.of("model"))));

  private LoopbackServer server;
  private EnvoyAiGatewayDataPlane plane;

  @AfterEach
  void stop() {
    if (plane != null) {
      plane.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static Iterable<String> cassettes() {
    return Cassettes.names();
  }

  @Test
  void everyCassetteHasAnExpectationAndEveryExpectationACassette() {
    assertThat(Cassettes.names()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cassettes")
  void theRecordedExchangeMeansWhatItSaid(String name) throws Exception {
    Cassette cassette = Cassettes.load(name);
    server = LoopbackServer.start(exchange -> LoopbackServer.respond(exchange, cassette.status(),
        cassette.contentType(), cassette.responseBody(), Map.of()));
    plane = new EnvoyAiGatewayDataPlane(EnvoyAiGatewaySettings.defaults(server.base()));

    Object outcome;
    try (UpstreamResponse response = plane.send(requestOf(cassette))) {
      assertThat(response.head().status()).isEqualTo(cassette.status());
      outcome = response.head().isSuccess()
          ? usageOf(cassette, StreamReader.readAll(response.body()))
          : plane.errorOf(response.head(), OpenAiErrors.readBounded(response.body()));
    }

    assertThat(outcome).isEqualTo(EXPECTED.get(name));
    LoopbackServer.Recorded seen = server.takeRequest();
    assertThat(seen.path()).isEqualTo(cassette.url().getPath());
    assertThat(new String(seen.body(), UTF_8)).isEqualTo(cassette.requestBody());
    assertThat(seen.header(EnvoyAiGatewayDataPlane.MODEL_HEADER)).contains(cassette.model());
    assertThat(seen.header("x-tenant-id")).contains("acme");
  }

  private Optional<TokenUsage> usageOf(Cassette cassette, StreamReader.Read read) {
    assertThat(read.failure()).isEmpty();
    assertThat(read.text()).isEqualTo(cassette.responseBody());
    return cassette.stream()
        ? StreamReader.lastUsage(plane, read.bytes())
        : plane.usageIn(read.bytes(), 0, read.bytes().length);
  }

  private static UpstreamRequest requestOf(Cassette cassette) {
    return new UpstreamRequest(cassette.endpoint(), cassette.requestBody().getBytes(UTF_8),
        cassette.stream(), RequestId.of("req-" + cassette.name()), ModelName.of(cassette.model()),
        TenantId.of("acme"), Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
  }

  private static Optional<TokenUsage> usage(long in, long cached, long write, long out, long r) {
    return Optional.of(new TokenUsage(in, cached, write, out, r));
  }
}
