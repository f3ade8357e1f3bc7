package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The audit log reads as fields an operator knows, never as Java's toString of a value. */
class CliAuditTest {

  private final CliHarness cli = new CliHarness();

  @Test
  void a_price_change_is_audited_field_by_field_in_exact_usd() throws Exception {
    cli.ok("prices", "add", "--model", "gpt-4o", "--input", "2.50", "--output", "10",
        "--effective-from", "2026-12-01");

    String table = cli.ok("audit", "list");
    JsonNode entry = new ObjectMapper().readTree(
        cli.ok("audit", "list", "--json").lines().findFirst().orElseThrow());

    assertThat(table).doesNotContain("TokenPrices", "Optional", "USD ")
        .contains("input_usd_per_mtok: - -> 2.50", "output_usd_per_mtok: - -> 10.00");
    assertThat(entry.path("object").asText()).isEqualTo("audit_entry");
    assertThat(entry.path("action").asText()).isEqualTo("price.add");
    assertThat(entry.path("after").path("input_usd_per_mtok").asText()).isEqualTo("2.50");
    assertThat(entry.path("after").path("request_fee_usd").asText()).isEqualTo("0.00");
    assertThat(entry.path("after").has("reasoning_usd_per_mtok")).isFalse();
    assertThat(entry.path("before").isObject()).isTrue();
  }
}
