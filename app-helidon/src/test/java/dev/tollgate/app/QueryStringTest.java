package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query is taken as RFC 3986 writes it: a raw {@code :} (what curl sends for
 * {@code ?from=2026-01-01T00:00:00Z}) reaches every route; what RFC 3986 refuses is an
 * OpenAI-shaped 400 before routing.
 */
class QueryStringTest {

  private static GatewayHarness gateway;
  private static String key;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ZERO);
    key = gateway.key().secret().reveal();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static RawConnection.Response get(String target, String credential) throws IOException {
    try (RawConnection c = new RawConnection(gateway.server.port())) {
      return c.send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + credential + "\r\nConnection: close\r\n\r\n").readResponse();
    }
  }

  @Test
  void a_raw_colon_in_a_query_value_reaches_the_admin_routes() throws Exception {
    RawConnection.Response spend = get(
        "/admin/v1/spend?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
        GatewayHarness.MASTER_KEY);
    RawConnection.Response encoded = get(
        "/admin/v1/spend?from=2026-01-01T00%3A00%3A00Z&to=2026-02-01T00%3A00%3A00Z",
        GatewayHarness.MASTER_KEY);

    assertThat(spend.status()).as(spend.body()).isEqualTo(200);
    assertThat(spend.json()).isEqualTo(encoded.json());
    assertThat(spend.json().path("from").asText()).startsWith("2026-01-01T00:00");
  }

  @Test
  void a_raw_colon_or_at_sign_reaches_the_v1_routes_too() throws Exception {
    assertThat(get("/v1/models?after=a:b@c/d?e", key).status()).isEqualTo(200);
    assertThat(get("/v1/key/status?t=12:00", key).status()).isEqualTo(200);
  }

  @Test
  void what_rfc_3986_refuses_in_a_query_is_an_openai_shaped_400() throws Exception {
    for (String query : new String[] {"from=%zz", "from=%4", "q=a\"b", "q=a{b}", "q=a|b"}) {
      RawConnection.Response res = get("/admin/v1/spend?" + query, GatewayHarness.MASTER_KEY);

      assertThat(res.status()).as(query).isEqualTo(400);
      JsonNode error = res.json().path("error");
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.path("message").asText()).as(query).contains("query");
    }
  }
}
