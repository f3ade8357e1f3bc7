package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.in.IssuedKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Messages routes' edges over plain HTTP: Anthropic's error shape for Tollgate's own refusals,
 * an upstream Anthropic error relayed as it is, the model list by dialect, and a client that hangs
 * up mid-stream charged for the input message_start reported and the output it was sent.
 */
class MessagesEdgesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static GatewayHarness gateway;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ofMillis(20));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static HttpResponse<String> post(String path, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.base() + path))
        .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("x-api-key", key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode error(HttpResponse<String> response) throws Exception {
    JsonNode root = JSON.readTree(response.body());
    assertThat(root.path("type").asText()).isEqualTo("error");
    return root.path("error");
  }

  @Test
  void tollgates_own_refusals_are_in_anthropics_shape() throws Exception {
    String key = gateway.key().secret().reveal();

    HttpResponse<String> noKey = post("/v1/messages", null, "{}");
    HttpResponse<String> noMax = post("/v1/messages", key,
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    HttpResponse<String> notJson = post("/v1/messages", key, "{\"model\":");
    HttpResponse<String> noMessages = post("/v1/messages/count_tokens", key,
        "{\"model\":\"sim-small\"}");

    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(error(noKey).path("type").asText()).isEqualTo("authentication_error");
    assertThat(noMax.statusCode()).isEqualTo(400);
    assertThat(error(noMax).path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error(noMax).path("message").asText()).isEqualTo("max_tokens: Field required");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(error(notJson).path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(noMessages.statusCode()).isEqualTo(400);
    assertThat(error(noMessages).path("message").asText()).isEqualTo("messages: Field required");
  }

  @Test
  void an_upstream_anthropic_error_is_relayed_as_it_is_and_not_charged() throws Exception {
    IssuedKey key = gateway.key();

    HttpResponse<String> refused = post("/v1/messages", key.secret().reveal(),
        "{\"model\":\"sim-small\",\"max_tokens\":5,\"messages\":[]}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(error(refused).path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error(refused).path("message").asText())
        .isEqualTo("messages: must be a non-empty list"); // the simulator's own words
    assertThat(gateway.ledgerOf(key)).isEmpty();
  }

  @Test
  void the_model_list_answers_in_the_dialect_of_the_request() throws Exception {
    String key = gateway.key().secret().reveal();
    HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/models"))
        .header("x-api-key", key).GET();

    JsonNode anthropic = JSON.readTree(HTTP.send(list.copy().header("anthropic-version",
        "2023-06-01").build(), HttpResponse.BodyHandlers.ofString()).body());
    JsonNode openAi = JSON.readTree(HTTP.send(list.build(),
        HttpResponse.BodyHandlers.ofString()).body());

    assertThat(anthropic.path("has_more").asBoolean(true)).isFalse();
    assertThat(anthropic.path("data").get(0).path("type").asText()).isEqualTo("model");
    assertThat(anthropic.path("first_id").asText()).isEqualTo("sim-embed");
    assertThat(openAi.path("object").asText()).isEqualTo("list");
  }

  @Test
  void a_client_that_hangs_up_mid_stream_is_charged_the_reported_input_and_what_it_was_sent()
      throws Exception {
    IssuedKey key = gateway.key();
    String body = "{\"model\":\"sim-small\",\"stream\":true,\"max_tokens\":400,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"a long cached system prompt here\","
        + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"a long story please\"}]}";

    int deltas = readSomeThenHangUp(key.secret().reveal(), body, 3);

    Eventually.await(() -> gateway.ledgerOf(key).size() == 1, "disconnected stream settled");
    SpendEntry entry = gateway.ledgerOf(key).get(0);
    assertThat(deltas).isEqualTo(3);
    assertThat(entry.source()).isEqualTo(UsageSource.ESTIMATED);
    assertThat(entry.usage().cacheWrite1hInputTokens()).as("from message_start").isEqualTo(6);
    assertThat(entry.usage().inputTokens()).as("from message_start").isEqualTo(3 + 1 + 4);
    assertThat(entry.usage().outputTokens()).isBetween(1L, 399L);
    assertThat(entry.cost()).isEqualTo(GatewayHarness.SMALL_PRICES.costOf(entry.usage()));
  }

  /** Raw HTTP so the connection can be dropped mid-body; answers how many deltas came. */
  private static int readSomeThenHangUp(String key, String body, int wanted) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.server.port())) {
      socket.setSoTimeout(20_000);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + key
          + "\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      int seen = 0;
      for (String line = in.readLine(); line != null && seen < wanted; line = in.readLine()) {
        if (line.contains("\"content_block_delta\"")) {
          seen++;
        }
      }
      return seen;
    }
  }
}
