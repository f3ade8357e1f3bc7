package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.config.ConsoleSettings;
import dev.tollgate.app.config.StoreSettings;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console's session over HTTP against a real server on PostgreSQL (V13): the cookie's
 * flags, CSRF on every change, sign-out server-side, the session standing for exactly the
 * credential that signed in (a blocked tenant admin key ends it), two replicas on one schema
 * honouring each other's sessions, and the page's headers (CSP, no inline script).
 */
class ConsoleSessionTest {

  @TempDir Path dir;
  private final String schema =
      "tg_console_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private StoreSettings postgres(boolean migrate) {
    return new StoreSettings("postgres", Optional.of(TestPostgres.jdbcUrl()), schema, migrate,
        dir.resolve("pgdata-" + migrate), dir.resolve("journal-" + migrate), 4);
  }

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  /** A signed-in browser: its cookie and CSRF token. */
  record Browser(String cookie, String csrf) {
    Map<String, String> read() {
      return Map.of("Cookie", cookie);
    }

    Map<String, String> change() {
      return Map.of("Cookie", cookie, "X-CSRF-Token", csrf);
    }
  }

  private static Browser signIn(AdminClient c, String key) {
    Reply r = c.call("POST", "/ui/session", null, "{\"key\":\"" + key + "\"}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    String setCookie = r.headers().get("set-cookie").getFirst();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=3600")
        .doesNotContain("Secure");
    return new Browser(setCookie.substring(0, setCookie.indexOf(';')),
        r.json().path("csrf_token").asText());
  }

  @Test
  void a_session_is_the_credential_that_signed_in_checked_on_every_call_and_on_every_replica() {
    try (GatewayHarness one = GatewayHarness.simulated(postgres(true));
        GatewayHarness two = GatewayHarness.simulated(postgres(false))) {
      AdminClient a = new AdminClient(one.base());
      AdminClient b = new AdminClient(two.base());
      Browser platform = signIn(a, GatewayHarness.MASTER_KEY);

      // Reads need only the cookie, on either replica; changes also need the CSRF token.
      assertThat(b.call("GET", "/admin/v1/tenants", null, null, platform.read()).status())
          .isEqualTo(200);
      Reply noCsrf = b.call("POST", "/admin/v1/tenants", null,
          "{\"id\":\"other\",\"name\":\"Other\"}", platform.read());
      assertThat(noCsrf.status()).isEqualTo(403);
      assertThat(noCsrf.errorCode()).isEqualTo("csrf_failed");
      assertThat(b.call("POST", "/admin/v1/tenants", null, "{\"id\":\"other\",\"name\":\"Other\"}",
          Map.of("Cookie", platform.cookie(), "X-CSRF-Token", "forged")).status()).isEqualTo(403);
      assertThat(b.call("POST", "/admin/v1/tenants", null, "{\"id\":\"other\",\"name\":\"Other\"}",
          platform.change()).status()).isEqualTo(201);
      // The audit log names the master key's holder as the API does.
      assertThat(a.call("GET", "/admin/v1/audit?tenant=other", null, null, platform.read())
          .json().path("data").get(0).path("actor").asText()).isEqualTo("master-key");

      // A tenant admin's session sees its tenant only, through the API's own checks.
      Reply admin = a.call("POST", "/admin/v1/keys", GatewayHarness.MASTER_KEY,
          "{\"tenant\":\"acme\",\"alias\":\"boss\",\"role\":\"tenant_admin\"}");
      Browser tenant = signIn(b, admin.json().path("key").asText());
      Reply who = a.call("GET", "/ui/session", null, null, tenant.read());
      assertThat(who.json().path("role").asText()).isEqualTo("tenant_admin");
      assertThat(who.json().path("tenant").asText()).isEqualTo("acme");
      assertThat(a.call("GET", "/admin/v1/tenants/other", null, null, tenant.read()).status())
          .isEqualTo(404);
      assertThat(a.call("GET", "/admin/v1/keys?tenant=acme", null, null, tenant.read()).status())
          .isEqualTo(200);

      // Blocking the key that signed in ends its session as it ends the key's own admin access:
      // at once where it was blocked, on another replica when its key cache learns it (as for
      // the key itself: the session is exactly as good as the key, never better).
      String adminKeyId = admin.json().path("id").asText();
      String adminSecret = admin.json().path("key").asText();
      assertThat(a.call("POST", "/admin/v1/keys/" + adminKeyId + "/block", null, null,
          platform.change()).status()).isEqualTo(200);
      assertThat(a.call("GET", "/admin/v1/keys?tenant=acme", null, null, tenant.read()).status())
          .isEqualTo(401);
      assertThat(a.call("GET", "/ui/session", null, null, tenant.read()).status()).isEqualTo(401);
      assertThat(b.call("GET", "/admin/v1/keys?tenant=acme", null, null, tenant.read()).status())
          .isIn(401, b.call("GET", "/admin/v1/keys?tenant=acme", adminSecret, null).status());

      // Sign-out needs the CSRF token, then ends the session server-side (the cookie is dead).
      assertThat(b.call("DELETE", "/ui/session", null, null, platform.read()).status())
          .isEqualTo(403);
      Reply out = b.call("DELETE", "/ui/session", null, null, platform.change());
      assertThat(out.status()).isEqualTo(200);
      assertThat(out.headers().get("set-cookie").getFirst()).contains("Max-Age=0");
      Reply after = a.call("GET", "/admin/v1/tenants", null, null, platform.read());
      assertThat(after.status()).isEqualTo(401);
      assertThat(after.errorCode()).isEqualTo("session_expired");
    }
  }

  @Test
  void sign_in_refuses_what_the_admin_api_refuses_in_its_error_shape() {
    try (GatewayHarness gw = GatewayHarness.simulated(postgres(true))) {
      AdminClient c = new AdminClient(gw.base());
      Reply wrong = c.call("POST", "/ui/session", null, "{\"key\":\"not-the-master-key\"}");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.headers()).doesNotContainKey("set-cookie");
      String inference = c.call("POST", "/admin/v1/keys", GatewayHarness.MASTER_KEY,
          "{\"tenant\":\"acme\",\"alias\":\"worker\"}").json().path("key").asText();
      Reply role = c.call("POST", "/ui/session", null, "{\"key\":\"" + inference + "\"}");
      assertThat(role.status()).isEqualTo(401);
      assertThat(role.errorCode()).isEqualTo("wrong_key_role");
      // A form post (what a cross-site page can send without a preflight) is not a sign-in.
      assertThat(c.call("POST", "/ui/session", null, "key=x",
          Map.of("Content-Type", "application/x-www-form-urlencoded")).status()).isEqualTo(400);
      assertThat(c.call("POST", "/ui/session", null, "{\"key\":1}").status()).isEqualTo(400);
      // An unknown or forged cookie is a 401, never a way past the key check.
      assertThat(c.call("GET", "/admin/v1/tenants", null, null,
          Map.of("Cookie", "tollgate_console=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
          .status()).isEqualTo(401);
    }
  }

  @Test
  void the_page_runs_only_its_own_script_and_behind_tls_the_cookie_is_secure() {
    try (GatewayHarness gw = GatewayHarness.simulated(postgres(true))) {
      AdminClient c = new AdminClient(gw.base());
      Reply page = c.call("GET", "/ui", null, null);
      assertThat(page.status()).isEqualTo(200);
      String csp = page.headers().get("content-security-policy").getFirst();
      assertThat(csp).contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
      assertThat(page.text()).contains("<script src=\"/ui/app.js\"").doesNotContain("<script>")
          .doesNotContain("//cdn", "https://");
      assertThat(c.call("GET", "/ui/app.js", null, null).status()).isEqualTo(200);
      assertThat(c.call("GET", "/ui/app.css", null, null).status()).isEqualTo(200);
      assertThat(c.call("GET", "/ui/nothing.js", null, null).status()).isEqualTo(404);
      Reply tls = c.call("POST", "/ui/session", null,
          "{\"key\":\"" + GatewayHarness.MASTER_KEY + "\"}", Map.of("X-Forwarded-Proto", "https"));
      assertThat(tls.headers().get("set-cookie").getFirst()).contains("; Secure");
      assertThat(List.of(tls.headers().get("set-cookie").getFirst().split(";")).getFirst())
          .startsWith("tollgate_console=");
    }
  }

  @Test
  void switched_off_there_is_no_page_and_no_cookie_opens_the_admin_api() {
    ConsoleSettings off = new ConsoleSettings(false, Duration.ofHours(1), "auto");
    try (GatewayHarness gw = GatewayHarness.simulated(off)) {
      AdminClient c = new AdminClient(gw.base());
      assertThat(c.call("GET", "/ui", null, null).status()).isEqualTo(404);
      assertThat(c.call("POST", "/ui/session", null,
          "{\"key\":\"" + GatewayHarness.MASTER_KEY + "\"}").status()).isEqualTo(404);
      Reply cookieOnly = c.call("GET", "/admin/v1/tenants", null, null,
          Map.of("Cookie", "tollgate_console=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
      assertThat(cookieOnly.status()).isEqualTo(401);
      assertThat(cookieOnly.errorCode()).isEqualTo("missing_api_key");
    }
  }

  @Test
  void the_console_settings_are_read_and_checked_at_start() {
    assertThat(ConsoleSettings.DEFAULTS.enabled()).isTrue();
    io.helidon.config.Config config = io.helidon.config.Config.just(
        io.helidon.config.ConfigSources.create(Map.of("tollgate.console.enabled", "false",
            "tollgate.console.session-ttl", "PT15M", "tollgate.console.secure-cookie", "always")));
    assertThat(dev.tollgate.app.config.ConfigLoader.load(config,
        new dev.tollgate.app.config.Secrets(Map.of())).server().console())
        .isEqualTo(new ConsoleSettings(false, Duration.ofMinutes(15), "always"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new ConsoleSettings(true, Duration.ofDays(1), "auto"))
        .hasMessageContaining("session-ttl");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new ConsoleSettings(true, Duration.ofHours(1), "sometimes"))
        .hasMessageContaining("secure-cookie");
  }
}
