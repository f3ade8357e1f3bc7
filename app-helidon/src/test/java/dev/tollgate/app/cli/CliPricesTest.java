package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PricePerMillion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliPricesTest {

  private final CliHarness cli = new CliHarness();
  @TempDir Path dir;

  @Test
  void a_price_is_added_and_listed_per_million_tokens() {
    String added = cli.ok("prices", "add", "--model", "gpt-4o", "--input", "2.50",
        "--output", "10", "--cached-input", "1.25", "--effective-from", "2026-12-01");

    assertThat(added).isEqualTo("added gpt-4o from 2026-12-01T00:00:00Z: input 2.50, cached 1.25,"
        + " cache-write 2.50, output 10.00 USD/Mtok\n");
    assertThat(cli.ok("prices", "list")).isEqualTo("""
        MODEL   EFFECTIVE_FROM        INPUT  CACHED_INPUT  CACHE_WRITE_INPUT  OUTPUT  REASONING  REQUEST_FEE  AUDIO_PER_SECOND
        gpt-4o  2026-12-01T00:00:00Z  2.50   1.25          2.50               10.00   =output    0.00         0.00
        """);
    assertThat(cli.ok("prices", "add", "--model", "gpt-4o", "--input", "2.50", "--output", "10",
        "--cached-input", "1.25", "--effective-from", "2026-12-01")).startsWith("already there: ");
    CliHarness.Run conflict = cli.run("prices", "add", "--model", "gpt-4o", "--input", "3",
        "--output", "10", "--effective-from", "2026-12-01");
    assertThat(conflict.code()).isEqualTo(1);
    assertThat(conflict.err()).startsWith("tollgate: conflict: gpt-4o already has a different price");
    assertThat(cli.run("prices", "add", "--model", "gpt-4o", "--input", "-1", "--output", "1")
        .code()).isEqualTo(2);
  }

  @Test
  void a_transcription_model_is_priced_by_the_second_of_audio_alone() {
    String added = cli.ok("prices", "add", "--model", "whisper-1", "--audio-per-second", "0.0001",
        "--effective-from", "2026-12-01");

    assertThat(added).isEqualTo("added whisper-1 from 2026-12-01T00:00:00Z: input 0.00, cached 0.00,"
        + " cache-write 0.00, output 0.00 USD/Mtok, audio 0.0001 USD/s\n");
    assertThat(cli.stores.prices().versions(ModelName.of("whisper-1")).get(0).prices()
        .audioPerSecond()).isEqualTo(dev.tollgate.domain.money.Money.usd("0.0001"));
    assertThat(cli.run("prices", "add", "--model", "w", "--audio-per-second", "-0.1").code())
        .isEqualTo(2);
    assertThat(cli.run("prices", "add", "--model", "w").code()).isEqualTo(2); // no price at all
  }

  @Test
  void import_adds_the_served_models_prices_from_a_litellm_file_and_names_the_unpriced() throws Exception {
    Path file = fixture();

    String imported = cli.ok("prices", "import", file.toString(),
        "--effective-from", "2026-12-01T00:00:00Z");

    assertThat(imported).isEqualTo("""
        added gpt-4o from 2026-12-01T00:00:00Z: input 2.50, cached 1.25, cache-write 2.50, output 10.00 USD/Mtok
        added mini from 2026-12-01T00:00:00Z: input 0.15, cached 0.075, cache-write 0.15, output 0.60 USD/Mtok
        no price in the file for served model llama-local (LiteLLM 'llama-local')
        """);
    assertThat(cli.stores.prices().versions(ModelName.of("mini")).get(0).prices().output())
        .isEqualTo(PricePerMillion.usd("0.60"));
    assertThat(cli.ok("prices", "import", file.toString(), "--effective-from", "2026-12-01"))
        .contains("unchanged: gpt-4o from 2026-12-01T00:00:00Z", "unchanged: mini");
  }

  @Test
  void the_same_file_imported_again_later_adds_no_identical_version() throws Exception {
    cli.ok("prices", "import", fixture().toString(), "--effective-from", "2026-12-01T00:00:00Z");

    String again = cli.ok("prices", "import", fixture().toString(),
        "--effective-from", "2027-01-01T00:00:00Z");

    assertThat(again).contains("unchanged: gpt-4o from 2026-12-01T00:00:00Z",
        "unchanged: mini from 2026-12-01T00:00:00Z").doesNotContain("added");
    assertThat(cli.stores.prices().versions(ModelName.of("mini"))).hasSize(1);
  }

  @Test
  void an_import_that_prices_no_served_model_fails() throws Exception {
    Path file = Files.writeString(dir.resolve("other.json"), """
        {"unserved": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}""");

    CliHarness.Run run = cli.run("prices", "import", file.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("prices none of the served models; nothing was imported");
    assertThat(cli.stores.prices().models()).isEmpty();
  }

  @Test
  void map_picks_the_litellm_entry_and_dry_run_adds_nothing() throws Exception {
    String out = cli.ok("prices", "import", fixture().toString(), "--map", "llama-local=o3-mini",
        "--dry-run");

    assertThat(out).contains("would add llama-local from 2026-11-24T06:00:00Z: input 1.10,"
        + " cached 0.55, cache-write 1.10, output 4.40 USD/Mtok (LiteLLM 'o3-mini')");
    assertThat(cli.stores.prices().models()).isEmpty();
    assertThat(cli.run("prices", "import", fixture().toString(), "--map", "gpt-5=gpt-4o").err())
        .startsWith("tollgate prices import: --map: 'gpt-5' is not a served model");
  }

  @Test
  void import_without_served_models_says_so_instead_of_doing_nothing_silently() throws Exception {
    CliHarness.Run run = new CliHarness(false).run("prices", "import", fixture().toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("tollgate: the store records no served models yet");
  }

  @Test
  void a_file_with_a_bad_price_for_a_served_model_imports_nothing() throws Exception {
    Path file = Files.writeString(dir.resolve("prices.json"), """
        {"gpt-4o": {"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05},
         "gpt-4o-mini": {"input_cost_per_token": -1.5e-07, "output_cost_per_token": 6e-07},
         "unserved": {"input_cost_per_token": "junk"}}""");

    CliHarness.Run run = cli.run("prices", "import", file.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("""
        tollgate: model 'mini' (LiteLLM 'gpt-4o-mini'): input_cost_per_token is negative: -0.00000015
        tollgate: the price file has 1 problem(s) for served models; nothing was imported.
        """);
    assertThat(cli.stores.prices().models()).isEmpty();
    assertThat(cli.run("prices", "import", dir.resolve("missing.json").toString()).err())
        .startsWith("tollgate: no such file: ");
    assertThat(cli.run("prices", "import", Files.writeString(dir.resolve("x.json"), "[]")
        .toString()).err()).contains("must be a JSON object");
  }

  private Path fixture() throws Exception {
    Path file = dir.resolve("model_prices_and_context_window.json");
    try (var in = getClass().getResourceAsStream("/litellm/model_prices_and_context_window.json")) {
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
