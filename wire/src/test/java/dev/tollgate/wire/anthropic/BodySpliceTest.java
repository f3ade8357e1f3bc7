package dev.tollgate.wire.anthropic;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BodySpliceTest {

  private static String splice(String body, Map<String, String> edits) throws Exception {
    return new String(BodySplice.replaceTopLevel(body.getBytes(UTF_8), edits), UTF_8);
  }

  @Test
  void only_the_top_level_value_changes_and_every_other_byte_stays() throws Exception {
    String body = "{ \"messages\" : [{\"model\":\"inner\",\"content\":\"caf\\u00e9 \u2028 1.0e3\"}],\n"
        + "  \"model\" :\t\"claude-sonnet-4-5\" , \"max_tokens\": 32000, \"temperature\":1.0}\n";

    String out = splice(body, Map.of("model", BodySplice.quoted("sim-large")));

    assertThat(out).isEqualTo(body.replace("\"claude-sonnet-4-5\"", "\"sim-large\""));
  }

  @Test
  void a_clamped_bound_replaces_a_number_and_a_repeated_field_is_replaced_each_time()
      throws Exception {
    String body = "{\"model\":\"a\",\"max_tokens\":32000,\"model\":\"b\",\"stream\":true}";

    String out = splice(body, Map.of("model", "\"x\"", "max_tokens", "512"));

    assertThat(out).isEqualTo("{\"model\":\"x\",\"max_tokens\":512,\"model\":\"x\",\"stream\":true}");
  }

  @Test
  void names_are_quoted_as_json_strings() {
    assertThat(BodySplice.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }
}
