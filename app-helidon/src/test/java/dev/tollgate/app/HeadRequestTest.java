package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code HEAD} wherever {@code GET} is served (RFC 9110 §9.3.2), over raw sockets: the GET's
 * status and headers with the {@code Content-Length} its body has, no body, and the connection
 * still framed for the next request (a body sent after a HEAD's headers would be read as the next
 * response). Errors to a HEAD carry no body either.
 */
class HeadRequestTest {

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
  void head_answers_as_get_does_without_the_body_and_the_connection_stays_framed()
      throws IOException {
    for (String path : List.of("/healthz", "/readyz", "/openapi.yaml", "/v1/models",
        "/v1/models/sim-small", "/v1/key/status", "/ui/")) {
      try (RawConnection c = new RawConnection(gateway.server.port())) {
        RawConnection.Response head = c.send(request("HEAD", path, key)).readResponseToHead();
        RawConnection.Response get = c.send(request("GET", path, key)).readResponse();

        assertThat(get.status()).as(path).isEqualTo(200);
        assertThat(head.status()).as(path).isEqualTo(200);
        assertThat(head.headers().get("content-length")).as(path)
            .isEqualTo(Integer.toString(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length));
        assertThat(head.headers().get("content-type")).as(path)
            .isEqualTo(get.headers().get("content-type"));
      }
    }
  }

  @Test
  void head_on_the_admin_api_and_metrics_including_a_streamed_export() throws IOException {
    for (String path : List.of("/admin/v1/spend", "/admin/v1/spend/export.csv", "/metrics")) {
      try (RawConnection c = new RawConnection(gateway.server.port())) {
        RawConnection.Response head = c.send(request("HEAD", path, GatewayHarness.MASTER_KEY))
            .readResponseToHead();
        RawConnection.Response next = c.send(request("GET", "/healthz", key)).readResponse();

        assertThat(head.status()).as(path).isEqualTo(200);
        assertThat(Long.parseLong(head.headers().get("content-length"))).as(path).isPositive();
        assertThat(next.status()).as(path).isEqualTo(200);
        assertThat(next.body()).isEqualTo("ok");
      }
    }
  }

  @Test
  void a_head_refused_gets_the_errors_headers_and_no_body() throws IOException {
    try (RawConnection c = new RawConnection(gateway.server.port())) {
      RawConnection.Response postOnly = c.send(request("HEAD", "/v1/chat/completions", key))
          .readResponseToHead();
      RawConnection.Response unknown = c.send(request("HEAD", "/v1/nope", key)).readResponseToHead();
      RawConnection.Response noKey = c.send(request("HEAD", "/v1/models", "")).readResponseToHead();
      RawConnection.Response next = c.send(request("GET", "/healthz", key)).readResponse();

      assertThat(postOnly.status()).isEqualTo(405);
      assertThat(postOnly.headers().get("allow")).isEqualTo("POST");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(noKey.status()).isEqualTo(401);
      assertThat(List.of(postOnly, unknown, noKey))
          .allSatisfy(r -> assertThat(r.headers().get("content-type")).isEqualTo("application/json"))
          .allSatisfy(r -> assertThat(Integer.parseInt(r.headers().get("content-length"))).isPositive());
      assertThat(next.body()).isEqualTo("ok");
    }
  }

  @Test
  void a_wrong_method_on_a_get_route_names_head_as_allowed() throws IOException {
    try (RawConnection c = new RawConnection(gateway.server.port())) {
      RawConnection.Response wrong = c.send("DELETE /v1/models HTTP/1.1\r\nHost: tollgate\r\n"
          + "Authorization: Bearer " + key + "\r\n\r\n").readResponse();

      assertThat(wrong.status()).isEqualTo(405);
      assertThat(wrong.headers().get("allow")).isEqualTo("GET, HEAD");
      assertThat(wrong.json().path("error").path("message").asText())
          .isEqualTo("DELETE is not allowed on /v1/models; use GET or HEAD.");
    }
  }

  private static String request(String method, String path, String bearer) {
    return method + " " + path + " HTTP/1.1\r\nHost: tollgate\r\n"
        + (bearer.isEmpty() ? "" : "Authorization: Bearer " + bearer + "\r\n") + "\r\n";
  }
}
