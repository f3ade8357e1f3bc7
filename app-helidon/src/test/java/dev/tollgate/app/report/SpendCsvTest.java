package dev.tollgate.app.report;

import static dev.tollgate.app.report.SpendEntries.entry;
import static dev.tollgate.app.report.SpendEntries.teamEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Administration;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpendCsvTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:30:00Z");
  private static final Actor PLATFORM = Actor.platform("cli:test");
  private static final SpendQuery ALL = new SpendQuery(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));

  private final Stores stores = InMemoryStores.create();
  private final Administration admin = Administration.create(stores, InMemoryStores.admin(),
      Clock.fixed(T0, ZoneOffset.UTC), new SplittableRandom(7));

  @Test
  void each_entry_is_one_row_under_the_header_with_exact_cost_and_every_token_part() throws IOException {
    stores.ledger().append(entry("req-1", "acme", "k-1", "gpt-4o", T0,
        TokenUsage.of(1_000, 420), 6_700_000));
    stores.ledger().append(teamEntry("req-2", "acme", "ml", "k-2", "o3-mini", "user-7",
        T0.plusSeconds(60), new TokenUsage(100, 2_000, 300, 40, 192), 1)
        .withSession(Optional.of(SessionId.of("9f0c-claude-session")))
        .withTags(Tags.of("team:search", "=formula")));

    assertThat(csv(ALL)).isEqualTo(
        "request_id,started_at,recorded_at,tenant,team,key,model,end_user,input_tokens,"
            + "cached_input_tokens,cache_write_input_tokens,output_tokens,reasoning_tokens,source,"
            + "cost_usd,price_effective_from,overage,session,tags,cache_write_1h_input_tokens,"
            + "audio_seconds\r\n"
            + "req-1,2026-11-02T09:30:00Z,2026-11-02T09:30:01.500Z,acme,,k-1,gpt-4o,,1000,0,0,420,"
            + "0,reported,0.006700000,2026-01-01T00:00:00Z,false,,,0,0.000\r\n"
            + "req-2,2026-11-02T09:31:00Z,2026-11-02T09:31:00.250Z,acme,ml,k-2,o3-mini,user-7,100,"
            + "2000,300,40,192,estimated,0.000000001,2026-01-01T00:00:00Z,true,9f0c-claude-session,"
            + "\"'=formula,team:search\",0,0.000\r\n");
  }

  @Test
  void cells_with_commas_quotes_or_line_breaks_are_quoted_with_quotes_doubled() {
    assertThat(SpendCsv.cell("plain")).isEqualTo("plain");
    assertThat(SpendCsv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(SpendCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(SpendCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(SpendCsv.cell("")).isEmpty();
  }

  @Test
  void a_cell_a_spreadsheet_would_run_as_a_formula_is_defused() throws IOException {
    stores.ledger().append(entry("=HYPERLINK(\"http://evil\",\"x\")", "@SUM(A1)", "-k", "+model",
        T0, TokenUsage.of(1, 1), 5));
    stores.ledger().append(entry("\tx", "acme", "k", "m", T0.plusSeconds(1), TokenUsage.of(1, 1), 5));

    List<String> lines = csv(ALL).lines().toList();

    assertThat(lines.get(1)).startsWith(
        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",2026-11-02T09:30:00Z,"
            + "2026-11-02T09:30:01.500Z,'@SUM(A1),,'-k,'+model,");
    assertThat(lines.get(2)).startsWith("'\tx,");
    assertThat(SpendCsv.cell("\rx")).isEqualTo("\"'\rx\"");
  }

  @Test
  void the_cost_column_sums_to_the_ledger_total_exactly_across_many_pages() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    int n = SpendCsv.PAGE_SIZE * 2 + 345;
    for (int i = 0; i < n; i++) {
      stores.ledger().append(entry("req-" + i, i % 3 == 0 ? "acme" : "globex", "k-" + (i % 7),
          "gpt-4o", T0.plusMillis(i * 37L), TokenUsage.of(random.nextInt(5_000), random.nextInt(900)),
          random.nextLong(1, 50_000_000)));
    }

    List<String> rows = csv(ALL).lines().skip(1).toList();
    BigDecimal sum = rows.stream().map(r -> new BigDecimal(r.split(",")[14]))
        .reduce(BigDecimal.ZERO, BigDecimal::add);

    assertThat(rows).hasSize(n);
    assertThat(rows.stream().map(r -> r.split(",")[0]).distinct()).hasSize(n);
    assertThat(sum).isEqualByComparingTo(stores.ledger().total(ALL).cost().toUsd());
  }

  @Test
  void a_tenant_admin_asking_for_another_tenant_gets_nothing_written() throws IOException {
    stores.ledger().append(entry("req-1", "globex", "k-1", "gpt-4o", T0, TokenUsage.of(1, 1), 5));
    StringWriter out = new StringWriter();

    AdminResult<Long> result = SpendCsv.write(admin.spend(),
        Actor.tenantAdmin(TenantId.of("acme"), "k-admin"),
        SpendQuery.forTenant(TenantId.of("globex"), Instant.EPOCH, T0.plusSeconds(1)), out);

    assertThat(result).isInstanceOf(AdminResult.NotFound.class);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void the_header_names_every_column_once() {
    assertThat(Arrays.asList(SpendCsv.header().strip().split(","))).isEqualTo(SpendCsv.COLUMNS)
        .doesNotHaveDuplicates();
  }

  private String csv(SpendQuery query) throws IOException {
    StringWriter out = new StringWriter();
    AdminResult<Long> result = SpendCsv.write(admin.spend(), PLATFORM, query, out);
    assertThat(result).isInstanceOf(AdminResult.Done.class);
    return out.toString();
  }
}
