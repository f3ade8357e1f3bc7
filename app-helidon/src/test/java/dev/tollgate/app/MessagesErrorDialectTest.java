package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Errors no route's handler writes (an unknown route, a wrong method, a query or a header refused
 * before routing, a body whose framing cannot be read) in the dialect of the request, over raw
 * sockets so nothing is normalised on the way: Anthropic's {@code {"type":"error",…}} on
 * {@code /v1/messages} and under it and on another {@code /v1} path asked with
 * {@code anthropic-version}; OpenAI's on OpenAI's routes whatever headers come.
 */
class MessagesErrorDialectTest {

  private static GatewayHarness gateway;
  private static String key;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ofMillis(1));
    key = gateway.key().secret().reveal();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void a_wrong_method_on_a_messages_route_is_an_anthropic_405_with_allow() throws IOException {
    RawConnection.Response get = send("GET /v1/messages", "");
    RawConnection.Response put = send("PUT /v1/messages/count_tokens", "Content-Length: 0\r\n");

    assertThat(anthropicError(get, 405).path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(get.headers().get("allow")).isEqualTo("POST");
    assertThat(anthropicError(put, 405).path("message").asText())
        .isEqualTo("PUT is not allowed on /v1/messages/count_tokens; use POST.");
  }

  @Test
  void a_path_under_messages_that_is_not_served_is_an_anthropic_404() throws IOException {
    RawConnection.Response batches = send("POST /v1/messages/batches", "Content-Length: 2\r\n", "{}");

    assertThat(anthropicError(batches, 404).path("type").asText()).isEqualTo("not_found_error");
  }

  @Test
  void a_query_refused_before_routing_is_an_anthropic_400_on_messages() throws IOException {
    RawConnection.Response refused = send("POST /v1/messages?beta=%zz", "Content-Length: 2\r\n", "{}");

    assertThat(anthropicError(refused, 400).path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void a_header_section_too_large_is_refused_in_anthropics_shape_on_messages() throws IOException {
    RawConnection.Response refused = send("POST /v1/messages",
        "X-Padding: " + "p".repeat(20_000) + "\r\nContent-Length: 2\r\n", "{}");

    assertThat(anthropicError(refused, 400).path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void a_malformed_chunk_on_messages_is_an_anthropic_400_and_counted_as_one() throws IOException {
    RawConnection.Response refused = send("POST /v1/messages", "Transfer-Encoding: chunked\r\n",
        "g\r\n{}\r\n0\r\n\r\n");
    String scrape = exchange("GET /metrics HTTP/1.1\r\nHost: tollgate\r\nConnection: close\r\n\r\n")
        .body();

    assertThat(anthropicError(refused, 400).path("message").asText())
        .startsWith("The request body could not be read");
    assertThat(scrape).contains("route=\"/v1/messages\",status=\"400\"")
        .doesNotContain("route=\"/v1/messages\",status=\"500\"");
  }

  @Test
  void another_v1_path_asked_in_anthropics_dialect_gets_anthropics_shape_else_openais()
      throws IOException {
    RawConnection.Response anthropic = send("GET /v1/organizations", "");
    RawConnection.Response openAi = sendWithout("GET /v1/organizations");

    assertThat(anthropicError(anthropic, 404).path("type").asText()).isEqualTo("not_found_error");
    assertThat(openAi.status()).isEqualTo(404);
    assertThat(openAi.json().path("error").path("code").asText()).isEqualTo("not_found");
  }

  @Test
  void openais_routes_keep_openais_shape_even_asked_with_anthropic_version() throws IOException {
    RawConnection.Response wrongMethod = send("GET /v1/chat/completions", "");

    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().path("error").path("code").asText()).isEqualTo("method_not_allowed");
    assertThat(wrongMethod.json().has("type")).isFalse();
  }

  /** A request as an Anthropic SDK sends it: {@code x-api-key} and {@code anthropic-version}. */
  private static RawConnection.Response send(String requestLine, String framing, String... body)
      throws IOException {
    return exchange(requestLine + " HTTP/1.1\r\nHost: tollgate\r\nx-api-key: " + key
        + "\r\nanthropic-version: 2023-06-01\r\nConnection: close\r\n" + framing + "\r\n"
        + String.join("", body));
  }

  /** The same without {@code anthropic-version}. */
  private static RawConnection.Response sendWithout(String requestLine) throws IOException {
    return exchange(requestLine + " HTTP/1.1\r\nHost: tollgate\r\nAuthorization: Bearer " + key
        + "\r\nConnection: close\r\n\r\n");
  }

  private static RawConnection.Response exchange(String request) throws IOException {
    try (RawConnection c = new RawConnection(gateway.server.port())) {
      return c.send(request).readResponse();
    }
  }

  private static JsonNode anthropicError(RawConnection.Response res, int status) throws IOException {
    assertThat(res.status()).as(res.body()).isEqualTo(status);
    assertThat(res.headers().get("content-type")).startsWith("application/json");
    JsonNode root = res.json();
    assertThat(root.path("type").asText()).as(res.body()).isEqualTo("error");
    assertThat(root.path("error").path("message").asText()).isNotBlank();
    assertThat(root.has("param") || root.path("error").has("code")).isFalse();
    return root.path("error");
  }
}
