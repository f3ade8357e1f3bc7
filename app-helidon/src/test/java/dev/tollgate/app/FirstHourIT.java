package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a new user meets in the first hour: the SDKs' {@code models.retrieve}, a wrong method on a
 * known route, the printed first call, which credential header wins.
 */
class FirstHourIT {

  private static Instant startedAt;
  private static GatewayHarness gateway;
  private static AdminClient client;
  private static IssuedKey smallOnly;

  @BeforeAll
  static void start() {
    startedAt = Instant.now().minusSeconds(1);
    gateway = GatewayHarness.simulated(Duration.ZERO);
    client = new AdminClient(gateway.base());
    smallOnly = gateway.tollgate().issueKey().issue(new IssueKeyCommand(Owner.tenant(
        GatewayHarness.ACME), "small-only", Set.of(ModelName.of("sim-small")), Optional.empty()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static AdminClient.Reply get(String path, String key) {
    return client.call("GET", path, key, null);
  }

  @Test
  void models_report_when_each_model_was_added_not_zero() {
    JsonNode data = get("/v1/models", smallOnly.secret().reveal()).json().path("data");

    assertThat(data).hasSize(1);
    long created = data.get(0).path("created").asLong();
    assertThat(created).isBetween(startedAt.getEpochSecond(), Instant.now().getEpochSecond());
  }

  @Test
  void a_model_the_key_may_call_is_retrieved_in_openais_model_shape() {
    AdminClient.Reply reply = get("/v1/models/sim-small", smallOnly.secret().reveal());

    assertThat(reply.status()).isEqualTo(200);
    JsonNode model = reply.json();
    assertThat(model.path("id").asText()).isEqualTo("sim-small");
    assertThat(model.path("object").asText()).isEqualTo("model");
    assertThat(model.path("owned_by").asText()).isEqualTo("tollgate");
    assertThat(model.path("created").asLong()).isGreaterThanOrEqualTo(startedAt.getEpochSecond());
  }

  @Test
  void a_model_the_key_may_not_call_or_that_does_not_exist_is_an_openai_shaped_404() {
    for (String path : List.of("/v1/models/sim-large", "/v1/models/nope", "/v1/models/org/nope")) {
      AdminClient.Reply reply = get(path, smallOnly.secret().reveal());

      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.errorCode()).as(path).isEqualTo("model_not_found");
      assertThat(reply.json().path("error").path("param").asText()).isEqualTo("model");
    }
    assertThat(get("/v1/models/sim-small", null).status()).isEqualTo(401);
  }

  @Test
  void a_known_route_with_the_wrong_method_is_a_405_with_allow() {
    String key = smallOnly.secret().reveal();
    assertMethodNotAllowed(client.call("GET", "/v1/chat/completions", key, null), "POST");
    assertMethodNotAllowed(client.call("POST", "/v1/models", key, "{}"), "GET, HEAD");
    assertMethodNotAllowed(
        client.call("PUT", "/admin/v1/keys", GatewayHarness.MASTER_KEY, "{}"), "GET, HEAD, POST");
    assertMethodNotAllowed(client.call("GET", "/admin/v1/keys/k-1/rotate",
        GatewayHarness.MASTER_KEY, null), "POST");
  }

  @Test
  void an_unknown_route_stays_a_404() {
    AdminClient.Reply reply = client.call("GET", "/v1/nothing-here", null, null);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("not_found");
    assertThat(reply.headers()).doesNotContainKey("allow");
  }

  private static void assertMethodNotAllowed(AdminClient.Reply reply, String allow) {
    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.headers().get("allow")).containsExactly(allow);
    assertThat(reply.errorCode()).isEqualTo("method_not_allowed");
    assertThat(reply.json().path("error").path("type").asText())
        .isEqualTo("invalid_request_error");
  }

  @Test
  void the_printed_first_call_with_the_master_key_variable_mints_a_key_when_pasted_into_a_shell()
      throws Exception {
    String text = QuickStart.text(gateway.base(), "$TOLLGATE_MASTER_KEY");
    String mint = text.lines().dropWhile(l -> !l.contains("/admin/v1/keys")).limit(2)
        .map(String::strip).reduce("", (a, b) -> a + "\n" + b).strip();

    String out = run(mint, Map.of("TOLLGATE_MASTER_KEY", GatewayHarness.MASTER_KEY));

    assertThat(AdminClient.JSON.readTree(out).path("key").asText()).startsWith("sk-tg-");
  }

  @Test
  void a_credential_that_is_not_a_key_on_the_admin_api_is_told_what_the_admin_credential_is() {
    AdminClient.Reply literal = client.call("GET", "/admin/v1/keys?tenant=acme",
        "$TOLLGATE_MASTER_KEY", null);
    AdminClient.Reply missing = client.call("GET", "/admin/v1/keys?tenant=acme", null, null);

    assertThat(literal.status()).isEqualTo(401);
    assertThat(literal.json().path("error").path("message").asText())
        .contains("master key").contains("TOLLGATE_MASTER_KEY").doesNotContain("start with");
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().path("error").path("message").asText()).contains("master key");
  }

  @Test
  void authorization_bearer_wins_over_x_api_key_and_another_scheme_counts_as_no_key() {
    String good = smallOnly.secret().reveal();
    String bad = "sk-tg-not-a-real-key";

    assertThat(client.call("GET", "/v1/models", good, null, Map.of("x-api-key", bad)).status())
        .isEqualTo(200);
    assertThat(client.call("GET", "/v1/models", bad, null, Map.of("x-api-key", good)).status())
        .isEqualTo(401);
    AdminClient.Reply basic = client.call("GET", "/v1/models", null, null,
        Map.of("Authorization", "Basic Zm9vOmJhcg==", "x-api-key", good));
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.errorCode()).isEqualTo("missing_api_key");
    assertThat(client.call("GET", "/v1/models", null, null, Map.of("x-api-key", good)).status())
        .isEqualTo(200);
    // Azure OpenAI's api-key comes last: x-api-key decides over it, a Basic Authorization too
    assertThat(client.call("GET", "/v1/models", null, null, Map.of("api-key", good)).status())
        .isEqualTo(200);
    assertThat(client.call("GET", "/v1/models", null, null,
        Map.of("x-api-key", bad, "api-key", good)).status()).isEqualTo(401);
    assertThat(client.call("GET", "/v1/models", null, null,
        Map.of("Authorization", "Basic Zm9vOmJhcg==", "api-key", good)).errorCode())
        .isEqualTo("missing_api_key");
  }

  private static String run(String command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void a_second_key_with_a_live_keys_alias_in_the_same_tenant_is_a_409() {
    String body = "{\"tenant\":\"aliases\",\"alias\":\"prod\"}";
    AdminClient.Reply first = client.call("POST", "/admin/v1/keys", GatewayHarness.MASTER_KEY, body);
    AdminClient.Reply second =
        client.call("POST", "/admin/v1/keys", GatewayHarness.MASTER_KEY, body);
    AdminClient.Reply other = client.call("POST", "/admin/v1/keys", GatewayHarness.MASTER_KEY,
        "{\"tenant\":\"aliases\",\"alias\":\"staging\"}");
    AdminClient.Reply rename = client.call("PATCH",
        "/admin/v1/keys/" + other.json().path("id").asText(), GatewayHarness.MASTER_KEY,
        "{\"alias\":\"prod\"}");

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().path("error").path("message").asText()).contains("'prod'");
    assertThat(rename.status()).isEqualTo(409);
  }
}
