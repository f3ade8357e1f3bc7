package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.app.AdminClient.Reply;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model added through the admin API is served through the simulated data plane (its upstream is
 * a name the data plane routes), listed by {@code /v1/models}, priced by its price and then by a
 * new one, and once removed refused as any unknown model is.
 */
class ModelsAtRunTimeTest {

  private static final String MODEL = "acme-labs/Llama-3.1-8B-runtime";

  private static GatewayHarness gw;
  private static AdminClient http;
  private static String key;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.simulated(Duration.ZERO);
    http = new AdminClient(gw.base());
    key = gw.key().secret().reveal();
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void a_model_added_at_run_time_is_served_priced_repriced_and_removed() {
    Reply added = http.post("/admin/v1/models", MASTER_KEY, "{\"name\":\"" + MODEL + "\","
        + "\"upstream\":\"sim-large\",\"max_output_tokens\":1000,"
        + "\"price\":{\"input_usd_per_mtok\":\"1.00\",\"output_usd_per_mtok\":\"2.00\"}}");
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    assertThat(added.json().path("origin").asText()).isEqualTo("runtime");
    assertThat(added.json().path("price").path("output_usd_per_mtok").asText()).isEqualTo("2.00");

    Reply first = chat(MODEL);
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    // the simulator serves sim-large only under that name: a 200 means the upstream name was sent
    assertThat(first.json().path("model").asText()).isEqualTo(MODEL);
    assertThat(cost(first)).isEqualByComparingTo(expected(first, "1.00", "2.00"));
    assertThat(modelIds()).contains(MODEL, "sim-small");
    assertThat(http.get("/admin/v1/models/" + MODEL, MASTER_KEY).json().path("upstream").asText())
        .isEqualTo("sim-large");

    Reply repriced = http.call("PATCH", "/admin/v1/models/" + MODEL, MASTER_KEY,
        "{\"price\":{\"input_usd_per_mtok\":\"3.00\",\"output_usd_per_mtok\":\"5.00\"}}");
    assertThat(repriced.status()).as(repriced.text()).isEqualTo(200);
    Reply second = chat(MODEL);
    assertThat(cost(second)).isEqualByComparingTo(expected(second, "3.00", "5.00"));

    Reply removed = http.call("DELETE", "/admin/v1/models/" + MODEL, MASTER_KEY, null);
    assertThat(removed.status()).as(removed.text()).isEqualTo(200);
    Reply gone = chat(MODEL);
    assertThat(gone.status()).as(gone.text()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo("model_not_found");
    assertThat(gone.json().path("error").path("param").asText()).isEqualTo("model");
    assertThat(modelIds()).doesNotContain(MODEL);
    assertThat(http.get("/admin/v1/models/" + MODEL, MASTER_KEY).status()).isEqualTo(404);
    // the price history stays: spend already recorded refers to it
    assertThat(http.get("/admin/v1/prices", MASTER_KEY).text()).contains(MODEL);

    String audit = http.get("/admin/v1/audit", MASTER_KEY).text();
    assertThat(audit).contains("model.add", "model.remove", "price.add");
  }

  @Test
  void bad_input_is_a_400_naming_the_field() {
    assertBad(http.post("/admin/v1/models", MASTER_KEY, "{\"name\":\"has space\"}"), "name");
    assertBad(http.post("/admin/v1/models", MASTER_KEY, "{\"name\":\"a/../b\"}"), "name");
    assertBad(http.post("/admin/v1/models", MASTER_KEY, "{\"name\":\"bad\\u0001\"}"), "name");
    assertBad(http.post("/admin/v1/models", MASTER_KEY, "{}"), "name");
    assertBad(http.post("/admin/v1/models", MASTER_KEY,
        "{\"name\":\"ok-name\",\"max_output_tokens\":0}"), "max_output_tokens");
    assertBad(http.post("/admin/v1/models", MASTER_KEY,
        "{\"name\":\"ok-name\",\"colour\":\"blue\"}"), "colour");
    assertBad(http.post("/admin/v1/models", MASTER_KEY,
        "{\"name\":\"ok-name\",\"price\":{\"input_usd_per_mtok\":\"1\"}}"),
        "price.output_usd_per_mtok");
    assertBad(http.post("/admin/v1/models", MASTER_KEY,
        "{\"name\":\"ok-name\",\"price\":{\"input_usd_per_mtok\":\"-1\","
            + "\"output_usd_per_mtok\":\"1\"}}"), "price.input_usd_per_mtok");
    assertThat(http.get("/admin/v1/models/ok-name", MASTER_KEY).status()).isEqualTo(404);
  }

  @Test
  void a_configured_model_is_changed_in_configuration() {
    Reply patch = http.call("PATCH", "/admin/v1/models/sim-small", MASTER_KEY,
        "{\"max_output_tokens\":5}");
    assertThat(patch.status()).as(patch.text()).isEqualTo(409);
    assertThat(http.call("DELETE", "/admin/v1/models/sim-small", MASTER_KEY, null).status())
        .isEqualTo(409);
    assertThat(http.post("/admin/v1/models", MASTER_KEY, "{\"name\":\"sim-small\"}").status())
        .isEqualTo(409);
    Reply listed = http.get("/admin/v1/models", MASTER_KEY);
    assertThat(listed.json().path("data").findValuesAsText("origin")).contains("configured");
  }

  private static void assertBad(Reply reply, String param) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(400);
    assertThat(reply.json().path("error").path("param").asText()).as(reply.text()).isEqualTo(param);
  }

  private static Reply chat(String model) {
    return http.post("/v1/chat/completions", key, "{\"model\":\"" + model + "\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");
  }

  private static List<String> modelIds() {
    List<String> ids = new ArrayList<>();
    http.get("/v1/models", key).json().path("data").forEach(m -> ids.add(m.path("id").asText()));
    return ids;
  }

  private static BigDecimal cost(Reply reply) {
    return new BigDecimal(reply.headers().get("x-tollgate-cost-usd").get(0));
  }

  /** Prompt and completion tokens at these prices per million tokens, in exact USD. */
  private static BigDecimal expected(Reply reply, String input, String output) {
    JsonNode usage = reply.json().path("usage");
    assertThat(usage.path("completion_tokens").asLong()).isPositive();
    return new BigDecimal(input).multiply(BigDecimal.valueOf(usage.path("prompt_tokens").asLong()))
        .add(new BigDecimal(output)
            .multiply(BigDecimal.valueOf(usage.path("completion_tokens").asLong())))
        .movePointLeft(6);
  }
}
