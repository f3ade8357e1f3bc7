package dev.tollgate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.out.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Claude Code session (the recorded-shape fixtures in {@code claude-code/}) through Tollgate to a
 * data plane that records what it gets, with each data-plane adapter: the data plane receives each
 * body byte for byte but for {@code model}, with Anthropic's headers and the session header
 * unchanged and none of the client's credentials; the client receives the data plane's answer byte
 * for byte, JSON or events; the turns are charged, count_tokens is not.
 */
class ClaudeCodePassThroughTest {

  private static final String SONNET = "claude-sonnet-4-5-20250929";
  private static final String HAIKU = "claude-haiku-4-5-20251001";
  private static final List<String> PASSED = List.of("anthropic-version", "anthropic-beta",
      "anthropic-dangerous-direct-browser-access", "x-claude-code-session-id");

  static Stream<String> dataPlanes() {
    return Stream.of("agentgateway", "envoy-aigw");
  }

  @ParameterizedTest
  @MethodSource("dataPlanes")
  void a_claude_code_session_passes_through_unchanged_and_is_charged(String dataPlane) {
    Map<String, String> headers = headers();
    try (RecordingUpstream upstream = new RecordingUpstream();
        GatewayHarness gateway = start(dataPlane, upstream.base())) {
      gateway.server.get(Stores.class).tenants().put(new TenantPolicy(GatewayHarness.ACME,
          Set.of(), Map.of(SONNET, ModelName.of("sim-large"), HAIKU, ModelName.of("sim-small")),
          Optional.of("interactive"), Optional.of("acme")));
      IssuedKey key = gateway.key();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String[] files = {"1-quota.json", "2-topic.json", "3-count.json", "4-turn.json", "5-turn.json"};

      for (int i = 0; i < files.length; i++) {
        byte[] sent = fixture(files[i]);
        String path = files[i].contains("count") ? "/v1/messages/count_tokens?beta=true"
            : "/v1/messages?beta=true";
        // ANTHROPIC_AUTH_TOKEN sends a bearer token, ANTHROPIC_API_KEY an x-api-key: both.
        boolean bearer = i % 2 == 0;
        HttpResponse<byte[]> got = send(client, gateway.base() + path, headers, sent,
            bearer ? "authorization" : "x-api-key",
            (bearer ? "Bearer " : "") + key.secret().reveal());

        assertThat(got.statusCode()).as(files[i]).isEqualTo(200);
        RecordingUpstream.Exchange seen = upstream.exchanges().get(i);
        assertThat(seen.path()).isEqualTo(path.substring(0, path.indexOf('?')));
        assertThat(new String(seen.body(), UTF_8)).as(files[i] + " as the data plane got it")
            .isEqualTo(withModel(new String(sent, UTF_8)));
        for (String name : PASSED) {
          assertThat(seen.header(name)).as(name).isEqualTo(headers.get(name));
        }
        assertThat(seen.header("x-api-key")).isNull();
        assertThat(Optional.ofNullable(seen.header("authorization")).orElse(""))
            .doesNotContain(key.secret().reveal());
        assertThat(got.body()).as(files[i] + " as the client got it").isEqualTo(seen.answer());
      }

      List<SpendEntry> ledger = gateway.awaitLedger(key, 4);
      assertThat(ledger).hasSize(4);
      assertThat(ledger).extracting(e -> e.model().value())
          .containsExactlyInAnyOrder("sim-small", "sim-small", "sim-large", "sim-large");
      assertThat(ledger).filteredOn(e -> e.usage().cacheWrite1hInputTokens() > 0)
          .as("the first turn writes the hour-cached system prompt and tools").hasSize(1);
      assertThat(ledger).filteredOn(e -> e.usage().cachedInputTokens() > 0)
          .as("the next turn reads them").hasSize(1);
    }
  }

  private static GatewayHarness start(String dataPlane, URI base) {
    return dataPlane.equals("agentgateway")
        ? GatewayHarness.agentgateway(base) : GatewayHarness.envoyAiGateway(base);
  }

  /** The fixture's JSON with only the model's value changed, as the tenant's alias maps it. */
  private static String withModel(String body) {
    return body.replace("\"model\":\"" + SONNET + "\"", "\"model\":\"sim-large\"")
        .replace("\"model\":\"" + HAIKU + "\"", "\"model\":\"sim-small\"");
  }

  private static HttpResponse<byte[]> send(HttpClient client, String url,
      Map<String, String> headers, byte[] body, String keyHeader, String keyValue) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("content-type", "application/json").header(keyHeader, keyValue)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : new String(fixture("headers.txt"), UTF_8).split("\n")) {
      if (!line.isBlank()) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return headers;
  }

  static byte[] fixture(String name) {
    try (InputStream in = ClaudeCodePassThroughTest.class.getResourceAsStream("/claude-code/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
