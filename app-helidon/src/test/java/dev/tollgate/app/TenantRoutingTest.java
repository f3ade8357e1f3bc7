package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.port.in.IssuedKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The endpoint picker's priority and fairness come from the tenant's configuration, never from the
 * client: headers a tenant sends for them are not forwarded, and the upstream gets the real model.
 */
class TenantRoutingTest {

  private static final String ANSWER = "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"sim-small\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

  @Test
  void the_data_plane_credential_comes_from_the_environment_not_from_the_client() throws Exception {
    AtomicReference<Headers> seen = new AtomicReference<>();
    HttpServer upstream = upstream(seen, new AtomicReference<>());
    try (GatewayHarness gateway = GatewayHarness.agentgateway(
        URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()), java.util.Optional.of("agw-secret"))) {
      IssuedKey key = gateway.key();
      HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
              .header("Authorization", "Bearer " + key.secret().reveal())
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(seen.get().getFirst("authorization")).isEqualTo("Bearer agw-secret");
    } finally {
      upstream.stop(0);
    }
  }

  private static HttpServer upstream(AtomicReference<Headers> seen, AtomicReference<String> body)
      throws java.io.IOException {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/", exchange -> {
      seen.set(exchange.getRequestHeaders());
      body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] out = ANSWER.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("content-type", "application/json");
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    upstream.start();
    return upstream;
  }

  @Test
  void client_priority_headers_are_dropped_and_the_tenants_are_sent() throws Exception {
    AtomicReference<Headers> seen = new AtomicReference<>();
    AtomicReference<String> body = new AtomicReference<>();
    HttpServer upstream = upstream(seen, body);
    try (GatewayHarness gateway = GatewayHarness.agentgateway(
        URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()))) {
      IssuedKey key = gateway.key();
      HttpResponse<String> res = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
              .header("Authorization", "Bearer " + key.secret().reveal())
              .header("x-llm-d-inference-objective", "critical")
              .header("x-llm-d-inference-fairness-id", "someone-else")
              .header("x-gateway-inference-objective", "critical")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(seen.get().getFirst("x-llm-d-inference-objective")).isEqualTo("interactive");
      assertThat(seen.get().getFirst("x-llm-d-inference-fairness-id")).isEqualTo("acme");
      assertThat(seen.get().containsKey("x-gateway-inference-objective")).isFalse();
      assertThat(seen.get().containsKey("authorization")).isFalse();
      assertThat(body.get()).contains("\"model\":\"sim-small\"");
      assertThat(gateway.awaitLedger(key, 1)).hasSize(1);
    } finally {
      upstream.stop(0);
    }
  }
}
