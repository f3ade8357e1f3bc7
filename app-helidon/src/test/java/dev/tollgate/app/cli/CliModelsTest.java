package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.PricePerMillion;
import org.junit.jupiter.api.Test;

class CliModelsTest {

  private final CliHarness cli = new CliHarness();
  private static final ModelName LLAMA = ModelName.of("meta-llama/Llama-3.1-8B");

  @Test
  void a_model_is_added_listed_repriced_and_removed() {
    String added = cli.ok("models", "add", "meta-llama/Llama-3.1-8B", "--upstream", "llama-3.1-8b",
        "--max-output-tokens", "2048", "--input", "0.20", "--output", "0.60");

    assertThat(added).startsWith("added meta-llama/Llama-3.1-8B (upstream llama-3.1-8b, output cap"
        + " 2048, runtime): input 0.20, output 0.60 USD/Mtok from ");
    assertThat(cli.stores.models().model(LLAMA).orElseThrow().origin())
        .isEqualTo(ModelOrigin.RUNTIME);
    assertThat(cli.ok("models", "list")).isEqualTo("""
        NAME                     UPSTREAM            MAX_OUTPUT_TOKENS  ORIGIN      INPUT  OUTPUT
        gpt-4o                   gpt-4o              16384              configured  -      -
        llama-local              llama-local         4096               configured  -      -
        meta-llama/Llama-3.1-8B  llama-3.1-8b        2048               runtime     0.20   0.60
        mini                     openai/gpt-4o-mini  16384              configured  -      -
        """);

    assertThat(cli.ok("models", "update", "meta-llama/Llama-3.1-8B", "--max-output-tokens", "512"))
        .startsWith("updated meta-llama/Llama-3.1-8B (upstream llama-3.1-8b, output cap 512,");
    // the harness's clock stands still: a second price from the same instant is a conflict
    CliHarness.Run sameInstant = cli.run("models", "update", "meta-llama/Llama-3.1-8B",
        "--input", "0.30", "--output", "0.90");
    assertThat(sameInstant.code()).isEqualTo(1);
    assertThat(sameInstant.err()).contains("conflict: Another price version");
    assertThat(cli.ok("models", "show", "meta-llama/Llama-3.1-8B")).contains(
        "upstream           llama-3.1-8b", "max_output_tokens  512", "origin             runtime",
        "input 0.20, output 0.60");
    cli.ok("models", "update", "gpt-4o", "--input", "2.50", "--output", "10");
    assertThat(cli.stores.prices().inForceAt(ModelName.of("gpt-4o"), CliHarness.NOW)
        .orElseThrow().prices().output()).isEqualTo(PricePerMillion.usd("10"));

    assertThat(cli.ok("models", "remove", "meta-llama/Llama-3.1-8B"))
        .isEqualTo("removed meta-llama/Llama-3.1-8B\n");
    assertThat(cli.stores.models().find(LLAMA)).isEmpty();
    CliHarness.Run again = cli.run("models", "show", "meta-llama/Llama-3.1-8B");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("not found");
  }

  @Test
  void refusals_and_usage_errors_say_why() {
    CliHarness.Run configured = cli.run("models", "remove", "gpt-4o");
    assertThat(configured.code()).isEqualTo(1);
    assertThat(configured.err()).contains("conflict: Model gpt-4o comes from configuration");

    CliHarness.Run exists = cli.run("models", "add", "gpt-4o");
    assertThat(exists.code()).isEqualTo(1);
    assertThat(exists.err()).contains("served already");

    CliHarness.Run badName = cli.run("models", "add", "has space");
    assertThat(badName.code()).isEqualTo(1);
    assertThat(badName.err()).contains("invalid name");

    assertThat(cli.run("models", "add", "x", "--input", "1").code()).isEqualTo(2);
    assertThat(cli.run("models", "add", "x", "--max-output-tokens", "0").code()).isEqualTo(2);
    assertThat(cli.run("models", "update", "x").code()).isEqualTo(2);
    assertThat(cli.stores.models().find(ModelName.of("x"))).isEmpty();
  }
}
