package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.config.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays what the tools that drive LiteLLM's management API send (the Terraform provider, the
 * Backstage plugin, LiteMaaS; src/test/resources/litellm-tools/README.md says where each shape
 * comes from) against Tollgate, and reads back the fields each tool reads.
 */
class LitellmToolsReplayTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final String schema =
      "tg_ll_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @ParameterizedTest
  @ValueSource(strings = {"terraform-provider-litellm", "backstage-plugin-litellm", "litemaas"})
  void a_tool_s_calls_get_the_answers_it_reads(String tool) throws IOException {
    try (GatewayHarness gw = GatewayHarness.simulated(Duration.ZERO)) {
      replay(tool, gw);
    }
  }

  /** The same calls on the durable store (PostgreSQL): budget templates in V26's tables. */
  @ParameterizedTest
  @ValueSource(strings = {"terraform-provider-litellm", "backstage-plugin-litellm", "litemaas"})
  void the_same_calls_on_postgres(String tool) throws IOException {
    try (GatewayHarness gw = GatewayHarness.simulated(new StoreSettings("postgres",
        Optional.of(TestPostgres.jdbcUrl()), schema, true, dir.resolve("pgdata"),
        dir.resolve("journal"), 4))) {
      replay(tool, gw);
    }
  }

  private void replay(String tool, GatewayHarness gw) throws IOException {
    JsonNode script;
    try (InputStream in = getClass().getResourceAsStream("/litellm-tools/" + tool + ".json")) {
      script = JSON.readTree(in);
    }
    AdminClient client = new AdminClient(gw.base());
    Map<String, String> saved = new HashMap<>();
    String header = script.path("header").asText();
    int step = 0;
    for (JsonNode call : script.path("calls")) {
      step++;
      String credential = call.has("as") ? saved.get(call.path("as").asText())
          : GatewayHarness.MASTER_KEY;
      String body = call.has("body") ? fill(call.path("body").toString(), saved) : null;
      Map<String, String> headers = header.equals("Authorization") ? Map.of()
          : Map.of(header, credential);
      Reply r = client.call(call.path("method").asText(),
          fill(call.path("path").asText(), saved),
          header.equals("Authorization") ? credential : null, body, headers);
      String where = tool + " step " + step + " " + call.path("method").asText() + " "
          + call.path("path").asText() + ": " + r.text();
      assertThat(r.status()).as(where).isEqualTo(call.path("status").asInt());
      JsonNode answer = r.json();
      checkReads(call.path("reads"), answer, where);
      call.path("save").fields().forEachRemaining(
          s -> saved.put(s.getKey(), answer.at(s.getValue().asText()).asText()));
    }
  }

  /** Each field the tool reads: present, and equal to what the script says ("*": not null). */
  private static void checkReads(JsonNode reads, JsonNode answer, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = reads.fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> read = it.next();
      JsonNode got = answer.at(read.getKey());
      assertThat(got.isMissingNode()).as(where + " reads " + read.getKey()).isFalse();
      JsonNode want = read.getValue();
      if (want.isTextual() && want.asText().equals("*")) {
        assertThat(got.isNull()).as(where + " reads " + read.getKey()).isFalse();
      } else if (want.isNumber()) {
        assertThat(got.isNumber()).as(where + " reads " + read.getKey()).isTrue();
        assertThat(got.decimalValue()).as(where + " reads " + read.getKey())
            .isEqualByComparingTo(want.decimalValue());
      } else {
        assertThat(got).as(where + " reads " + read.getKey()).isEqualTo(want);
      }
    }
  }

  private static String fill(String text, Map<String, String> saved) {
    String out = text;
    for (Map.Entry<String, String> e : saved.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    return out;
  }
}
