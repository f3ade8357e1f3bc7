package dev.tollgate.app.cli;

import static dev.tollgate.app.report.SpendEntries.entry;
import static dev.tollgate.app.report.SpendEntries.teamEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.report.SpendCsv;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.usage.TokenUsage;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliSpendTest {

  private static final Instant NOV_2 = Instant.parse("2026-11-02T10:00:00Z");
  private static final Instant NOV_3 = Instant.parse("2026-11-03T10:00:00Z");

  private final CliHarness cli = new CliHarness();
  @TempDir Path dir;

  @BeforeEach
  void ledger() {
    cli.stores.ledger().append(entry("r1", "acme", "k-1", "gpt-4o", NOV_2, TokenUsage.of(1_000, 200),
        4_500_000));
    cli.stores.ledger().append(teamEntry("r2", "acme", "ml", "k-2", "mini", "u-1", NOV_3,
        new TokenUsage(10, 20, 30, 40, 50), 1));
    cli.stores.ledger().append(entry("r3", "globex", "k-3", "gpt-4o", NOV_3.plusSeconds(5),
        TokenUsage.of(7, 3), 123_456_789));
    cli.stores.ledger().append(entry("r-old", "acme", "k-1", "gpt-4o",
        Instant.parse("2026-10-31T23:59:59Z"), TokenUsage.of(1, 1), 999));
  }

  @Test
  void the_report_totals_this_month_by_day_unless_asked_otherwise() {
    assertThat(cli.ok("spend", "report")).isEqualTo("""
        spend from 2026-11-01T00:00:00Z to 2026-11-24T06:00:00Z
        requests  3
        cost_usd  0.127956790
        tokens    input 1017, cached input 20, cache-write input 30, output 243, reasoning 50

        DAY         REQUESTS  COST_USD     INPUT  CACHED_INPUT  CACHE_WRITE_INPUT  OUTPUT  REASONING
        2026-11-02  1         0.004500000  1000   0             0                  200     0
        2026-11-03  2         0.123456790  17     20            30                 43      50
        """);
  }

  @Test
  void the_report_filters_and_groups_by_owner_or_model() {
    String byTeam = cli.ok("spend", "report", "--tenant", "acme", "--by", "team",
        "--from", "2026-10-01", "--to", "2026-12-01");

    assertThat(byTeam).contains("requests  3\n", "cost_usd  0.004501000\n")
        .contains("\n-     2         0.004500999", "\nml    1         0.000000001");
    assertThat(cli.ok("spend", "report", "--by", "model")).contains("\ngpt-4o", "\nmini");
    assertThat(cli.run("spend", "report", "--by", "week").code()).isEqualTo(2);
    assertThat(cli.run("spend", "report", "--team", "ml").err())
        .startsWith("tollgate spend report: --team needs --tenant");
    assertThat(cli.run("spend", "report", "--from", "2026-12-01", "--to", "2026-11-01").err())
        .startsWith("tollgate spend report: --from: from must be before to");
  }

  @Test
  void the_export_to_stdout_is_the_ledger_as_csv_exactly() throws Exception {
    String csv = cli.ok("spend", "export", "--from", "2026-11-01");

    StringWriter expected = new StringWriter();
    SpendCsv.write(cli.admin.spend(), Actor.platform("check"), new SpendQuery(Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Instant.parse("2026-11-01T00:00:00Z"),
        CliHarness.NOW), expected);
    assertThat(csv).isEqualTo(expected.toString());
    assertThat(csv.split("\r\n")).hasSize(4);
    assertThat(csv).contains("\r\nr3,2026-11-03T10:00:05Z,").contains(",0.123456789,");
  }

  @Test
  void the_export_goes_to_a_file_with_out() throws Exception {
    Path file = dir.resolve("spend.csv");

    String out = cli.ok("spend", "export", "--tenant", "acme", "--out", file.toString());

    assertThat(out).isEqualTo("Wrote 2 entries to " + file + ".\n");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith(SpendCsv.header())
        .contains("\r\nr1,").contains("\r\nr2,").doesNotContain("globex");
  }

  @Test
  void the_audit_log_lists_changes_newest_first() {
    cli.ok("tenants", "create", "acme", "--name", "Acme");
    cli.ok("tenants", "update", "acme", "--name", "ACME");

    String audit = cli.ok("audit", "list", "--tenant", "acme");

    assertThat(audit.lines().toList()).hasSize(3);
    assertThat(audit.lines().skip(1).findFirst().orElseThrow())
        .matches("2 +2026-11-24T06:00:00Z +cli:test +acme +tenant.update +tenant acme +name: Acme -> ACME");
    assertThat(audit.lines().skip(2).findFirst().orElseThrow()).contains("tenant.create");
    assertThat(cli.ok("audit", "list", "--before", "2")).doesNotContain("tenant.update");
  }
}
