package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.http.OpenApi;
import dev.tollgate.app.http.admin.AdminApi;
import dev.tollgate.app.litellm.LitellmApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps openapi.yaml equal to the routes: every admin route the server registers is documented,
 * every documented admin operation is registered, and every documented operation answers
 * something other than the unknown-route 404 on the running server.
 */
class OpenApiTest {

  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
  private static GatewayHarness gw;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.simulated(java.time.Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @SuppressWarnings("unchecked")
  private static List<String> documented() {
    Map<String, Object> doc = new Yaml().load(new String(OpenApi.document(), StandardCharsets.UTF_8));
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    List<String> ops = new ArrayList<>();
    paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
        .forEach(m -> ops.add(m.toUpperCase(Locale.ROOT) + " " + path)));
    return ops;
  }

  @Test
  void everyAdminRouteIsDocumentedAndNothingElseIs() {
    TreeSet<String> registered = new TreeSet<>(AdminApi.describe(new ObjectMapper()));
    TreeSet<String> documentedAdmin = new TreeSet<>(
        documented().stream().filter(op -> op.contains(" /admin/")).toList());

    assertThat(documentedAdmin).isEqualTo(registered);
  }

  @Test
  void everyLitellmRouteIsDocumentedAndNothingElseIs() {
    TreeSet<String> registered = new TreeSet<>(LitellmApi.describe(new ObjectMapper()));
    TreeSet<String> documented = new TreeSet<>(documented().stream()
        .filter(op -> !op.contains(" /admin/") && !op.contains(" /v1/") && !op.contains(" /openapi")
            && !op.contains(" /healthz") && !op.contains(" /readyz") && !op.contains(" /metrics"))
        .toList());

    assertThat(documented).isEqualTo(registered);
  }

  @Test
  void everyDocumentedOperationIsServed() {
    AdminClient http = new AdminClient(gw.base());
    List<String> unserved = new ArrayList<>();
    for (String op : documented()) {
      String method = op.substring(0, op.indexOf(' '));
      String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[a-z]+}", "x");
      Reply reply = http.call(method, path, MASTER_KEY, method.equals("GET") ? null : "{}");
      if (reply.status() == 404 && reply.text().contains("Unknown route")) {
        unserved.add(op);
      }
    }
    assertThat(unserved).isEmpty();
  }

  @Test
  void theServerServesTheDocument() {
    Reply reply = new AdminClient(gw.base()).get("/openapi.yaml", null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).startsWith("openapi: 3.1.0");
  }
}
