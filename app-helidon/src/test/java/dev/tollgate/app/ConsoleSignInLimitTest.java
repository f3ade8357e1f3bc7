package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.AdminClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Failed console sign-ins over HTTP: ten from one address in a minute, and the eleventh sign-in
 * is a 429 with Retry-After in the API's error shape, even with the right key; the admin API
 * itself (a bearer key, not a sign-in) is not throttled by it. Windows and prefixes are
 * {@code SignInThrottleTest}'s.
 */
class ConsoleSignInLimitTest {

  @Test
  void tenFailedSignInsAMinuteThenTooManyRequestsWithRetryAfter() {
    try (GatewayHarness gw = GatewayHarness.simulated(Duration.ZERO)) {
      AdminClient c = new AdminClient(gw.base());
      for (int i = 0; i < 10; i++) {
        Reply wrong = c.call("POST", "/ui/session", null, "{\"key\":\"wrong-" + i + "\"}");
        assertThat(wrong.status()).as("failure %d: %s", i, wrong.text()).isEqualTo(401);
      }
      Reply limited = c.call("POST", "/ui/session", null,
          "{\"key\":\"" + GatewayHarness.MASTER_KEY + "\"}");
      assertThat(limited.status()).as(limited.text()).isEqualTo(429);
      assertThat(limited.errorCode()).isEqualTo("rate_limit_exceeded");
      assertThat(limited.json().path("error").path("message").asText())
          .contains("Too many failed sign-ins");
      assertThat(limited.headers()).doesNotContainKey("set-cookie");
      long retryAfter = Long.parseLong(limited.headers().get("retry-after").getFirst());
      assertThat(retryAfter).isBetween(1L, 60L);
      assertThat(c.get("/admin/v1/tenants", GatewayHarness.MASTER_KEY).status()).isEqualTo(200);
    }
  }
}
