package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.config.CorsSettings;
import dev.tollgate.app.config.StoreSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CORS on {@code /v1} over raw sockets, header by header: a preflight answered before any key,
 * a refused origin's preflight a 403 without the allowing headers, every answer to an allowed
 * origin readable (a handler's, an error handler's after its reset, an unmatched route's, the
 * API's routes without {@code /v1}), no
 * CORS on the admin API or the probes, {@code *} as configured, and none at all by default.
 * {@link CorsBrowserTest} holds the same in a real browser.
 */
class CorsTest {

  private static final String APP = "https://chat.example.com";
  private static GatewayHarness listed;
  private static GatewayHarness any;
  private static GatewayHarness none;
  private static String key;

  @BeforeAll
  static void start() {
    listed = GatewayHarness.simulated(StoreSettings.memory(), c -> c.withServer(c.server()
        .withCors(new CorsSettings(List.of(APP, "http://localhost:3000"), Duration.ofMinutes(5)))));
    any = GatewayHarness.simulated(StoreSettings.memory(), c -> c.withServer(c.server()
        .withCors(new CorsSettings(List.of("*"), Duration.ofMinutes(10)))));
    none = GatewayHarness.simulated(Duration.ZERO);
    key = listed.key().secret().reveal();
  }

  @AfterAll
  static void stop() {
    listed.close();
    any.close();
    none.close();
  }

  @Test
  void a_preflight_from_a_listed_origin_is_answered_before_any_key() throws IOException {
    RawConnection.Response r = exchange(listed, "OPTIONS /v1/chat/completions HTTP/1.1\r\n"
        + "Host: tollgate\r\nOrigin: " + APP + "\r\nAccess-Control-Request-Method: POST\r\n"
        + "Access-Control-Request-Headers: authorization,content-type,x-stainless-lang\r\n\r\n");

    assertThat(r.status()).isEqualTo(204);
    assertThat(r.headers()).containsEntry("access-control-allow-origin", APP)
        .containsEntry("access-control-allow-methods", "GET, HEAD, POST")
        .containsEntry("access-control-allow-headers", "authorization,content-type,x-stainless-lang")
        .containsEntry("access-control-max-age", "300")
        .doesNotContainKey("access-control-allow-credentials");
    assertThat(r.headers().get("vary")).contains("Origin");
  }

  @Test
  void a_preflight_from_an_origin_not_listed_is_a_403_that_allows_nothing() throws IOException {
    RawConnection.Response r = exchange(listed, "OPTIONS /v1/messages HTTP/1.1\r\nHost: tollgate\r\n"
        + "Origin: https://evil.example.net\r\nAccess-Control-Request-Method: POST\r\n\r\n");
    RawConnection.Response oddHeaders = exchange(listed, "OPTIONS /v1/models HTTP/1.1\r\n"
        + "Host: tollgate\r\nOrigin: " + APP + "\r\nAccess-Control-Request-Method: GET\r\n"
        + "Access-Control-Request-Headers: a;b\r\n\r\n");

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.headers()).doesNotContainKey("access-control-allow-origin");
    assertThat(r.json().path("type").asText()).isEqualTo("error"); // Anthropic's shape there
    assertThat(r.body()).contains("tollgate.server.cors.allowed-origins");
    assertThat(oddHeaders.status()).isEqualTo(204);
    assertThat(oddHeaders.headers()).doesNotContainKey("access-control-allow-headers");
  }

  @Test
  void every_answer_to_a_listed_origin_is_readable_errors_included() throws IOException {
    String origin = "Origin: " + APP + "\r\n";
    RawConnection.Response ok = exchange(listed, "GET /v1/models HTTP/1.1\r\nHost: tollgate\r\n"
        + origin + "Authorization: Bearer " + key + "\r\n\r\n");
    RawConnection.Response noKey = exchange(listed, "GET /v1/models HTTP/1.1\r\nHost: tollgate\r\n"
        + origin + "\r\n");
    RawConnection.Response unversioned = exchange(listed, "GET /models HTTP/1.1\r\n"
        + "Host: tollgate\r\n" + origin + "Authorization: Bearer " + key + "\r\n\r\n");
    RawConnection.Response badQuery = exchange(listed, "GET /v1/models?x=%zz HTTP/1.1\r\n"
        + "Host: tollgate\r\n" + origin + "\r\n");
    RawConnection.Response unknown = exchange(listed, "GET /v1/nope HTTP/1.1\r\nHost: tollgate\r\n"
        + origin + "\r\n");
    // an unreadable body: Helidon resets the response before the error handler writes
    RawConnection.Response badChunk = exchange(listed, "POST /v1/chat/completions HTTP/1.1\r\n"
        + "Host: tollgate\r\n" + origin + "Authorization: Bearer " + key + "\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\ng\r\n{}\r\n0\r\n\r\n");

    List<RawConnection.Response> all = List.of(ok, noKey, badQuery, unknown, badChunk, unversioned);
    assertThat(all).extracting(RawConnection.Response::status)
        .containsExactly(200, 401, 400, 404, 400, 200);
    assertThat(all).allSatisfy(r -> {
      assertThat(r.headers()).containsEntry("access-control-allow-origin", APP)
          .containsEntry("access-control-expose-headers", "*");
      assertThat(r.headers().get("vary")).contains("Origin");
    });
  }

  @Test
  void another_origin_the_admin_api_and_the_probes_get_no_cors_headers() throws IOException {
    RawConnection.Response other = exchange(listed, "GET /v1/models HTTP/1.1\r\nHost: tollgate\r\n"
        + "Origin: https://evil.example.net\r\nAuthorization: Bearer " + key + "\r\n\r\n");
    RawConnection.Response admin = exchange(listed, "GET /admin/v1/spend HTTP/1.1\r\n"
        + "Host: tollgate\r\nOrigin: " + APP + "\r\nAuthorization: Bearer "
        + GatewayHarness.MASTER_KEY + "\r\n\r\n");
    RawConnection.Response health = exchange(listed, "GET /healthz HTTP/1.1\r\nHost: tollgate\r\n"
        + "Origin: " + APP + "\r\n\r\n");

    assertThat(other.status()).isEqualTo(200); // served; the browser keeps it from the page
    assertThat(List.of(other, admin, health))
        .allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("access-control-allow-origin"));
    assertThat(admin.status()).isEqualTo(200);
  }

  @Test
  void any_origin_when_configured_so_and_none_by_default() throws IOException {
    String preflight = "OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: tollgate\r\n"
        + "Origin: https://anywhere.example.org\r\nAccess-Control-Request-Method: POST\r\n\r\n";
    RawConnection.Response star = exchange(any, preflight);
    RawConnection.Response off = exchange(none, preflight);

    assertThat(star.status()).isEqualTo(204);
    assertThat(star.headers()).containsEntry("access-control-allow-origin", "*")
        .containsEntry("access-control-max-age", "600");
    assertThat(off.status()).isEqualTo(405);
    assertThat(off.headers()).doesNotContainKey("access-control-allow-origin");
  }

  private static RawConnection.Response exchange(GatewayHarness gw, String request)
      throws IOException {
    try (RawConnection c = new RawConnection(gw.server.port())) {
      return c.send(request).readResponse();
    }
  }
}
