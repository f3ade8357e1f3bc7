package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.port.in.IssuedKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure a client can see is OpenAI-shaped, with the right status; nothing is a 500. */
class ErrorShapesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GatewayHarness gateway;
  private static IssuedKey key;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ZERO);
    key = gateway.key();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void a_missing_key_is_401() throws Exception {
    var res = post(gateway, "/v1/chat/completions", null, "{}");
    assertError(res, 401, "missing_api_key", null);
  }

  @Test
  void a_mistyped_key_is_401_before_the_body_is_read() throws Exception {
    var res = post(gateway, "/v1/chat/completions", "sk-tg-typo", "not json");
    assertError(res, 401, "invalid_api_key", null);
  }

  @Test
  void malformed_json_is_400() throws Exception {
    var res = post(gateway, "/v1/chat/completions", key.secret().reveal(), "{\"model\":");
    assertError(res, 400, "invalid_request", null);
  }

  @Test
  void an_invalid_field_is_400_naming_it() throws Exception {
    var res = post(gateway, "/v1/chat/completions", key.secret().reveal(),
        "{\"model\":\"sim-small\",\"max_tokens\":-3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertError(res, 400, "invalid_request", "max_tokens");
  }

  @Test
  void messages_that_are_not_an_array_of_objects_are_400_naming_messages() throws Exception {
    for (String messages : new String[] {"\"hello\"", "[\"hello\"]", "{\"role\":\"user\"}"}) {
      var res = post(gateway, "/v1/chat/completions", key.secret().reveal(),
          "{\"model\":\"sim-small\",\"messages\":" + messages + "}");
      assertError(res, 400, "invalid_request", "messages");
    }
  }

  @Test
  void an_unknown_model_is_404_naming_the_model_param() throws Exception {
    var res = post(gateway, "/v1/chat/completions", key.secret().reveal(),
        "{\"model\":\"gpt-17\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertError(res, 404, "model_not_found", "model");
  }

  @Test
  void a_body_above_the_limit_is_413() throws Exception {
    String big = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + "x".repeat(300 * 1024) + "\"}]}";
    var res = post(gateway, "/v1/chat/completions", key.secret().reveal(), big);
    assertError(res, 413, "request_too_large", null);
  }

  @Test
  void an_unknown_route_is_an_openai_shaped_404() throws Exception {
    var res = post(gateway, "/v1/nothing-here", key.secret().reveal(), "{}");
    assertError(res, 404, "not_found", null);
  }

  @Test
  void upstream_text_errors_are_rewrapped_keep_their_meaning_and_are_not_charged() throws Exception {
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/", exchange -> {
      boolean saturated = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
          .contains("saturate");
      byte[] body = (saturated ? "inference pool saturated" : "no healthy upstream")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("content-type", "text/plain");
      exchange.sendResponseHeaders(saturated ? 429 : 503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    stub.start();
    try (GatewayHarness agw = GatewayHarness.agentgateway(
        URI.create("http://127.0.0.1:" + stub.getAddress().getPort()))) {
      IssuedKey k = agw.key();
      var saturated = post(agw, "/v1/chat/completions", k.secret().reveal(),
          "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"saturate\"}]}");
      var empty = post(agw, "/v1/chat/completions", k.secret().reveal(),
          "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");

      assertThat(saturated.statusCode()).isEqualTo(429);
      assertThat(saturated.headers().firstValue("retry-after")).isPresent();
      assertThat(empty.statusCode()).isEqualTo(503);
      assertThat(empty.headers().firstValue("retry-after")).isPresent();
      assertThat(JSON.readTree(empty.body()).path("error").path("message").asText())
          .contains("no healthy upstream");
      assertThat(agw.ledgerOf(k)).isEmpty();
    } finally {
      stub.stop(0);
    }
  }

  @Test
  void an_unreachable_data_plane_is_502_and_not_charged() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (GatewayHarness agw = GatewayHarness.agentgateway(URI.create("http://127.0.0.1:" + closedPort))) {
      IssuedKey k = agw.key();
      var res = post(agw, "/v1/chat/completions", k.secret().reveal(),
          "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertError(res, 502, "upstream_unreachable", null);
      assertThat(agw.ledgerOf(k)).isEmpty();
    }
  }

  private static HttpResponse<String> post(GatewayHarness gw, String path, String key, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.base() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(HttpResponse<String> res, int status, String code, String param)
      throws Exception {
    assertThat(res.statusCode()).isEqualTo(status);
    assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode error = JSON.readTree(res.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.has("type")).isTrue();
    if (param != null) {
      assertThat(error.path("param").asText()).isEqualTo(param);
    }
  }
}
