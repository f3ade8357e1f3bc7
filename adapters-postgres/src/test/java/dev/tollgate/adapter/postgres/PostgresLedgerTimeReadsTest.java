package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.money.Money;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw entries read by time alone (a platform administrator's report over every tenant: the
 * partial days at the ends of its range) go through the BRIN index on {@code started_at} (V30)
 * and read the pages of that part of the day, not the whole month's partition.
 */
class PostgresLedgerTimeReadsTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  /** A month of entries, one every 26 seconds, in start order as the journal appends them. */
  private static final int ENTRIES = 100_000;

  private static final Instant FROM = Instant.parse("2033-03-10T06:00:00Z");
  private static final Instant TO = Instant.parse("2033-03-10T18:00:00Z");
  private static final String INDEX = "ledger_entries_p203303_started_at_idx";

  @BeforeAll
  static void aMonthOfEntries() {
    String s = SCHEMA.name();
    TestDatabase.execute(SCHEMA.url(), "SELECT " + s + ".ledger_ensure_month('2033-03-01')");
    TestDatabase.execute(SCHEMA.url(), "INSERT INTO " + s + ".ledger_entries (request_id,"
        + " tenant_id, team_id, key_id, model, input_tokens, cached_input_tokens,"
        + " cache_write_input_tokens, output_tokens, reasoning_tokens, source, cost_nano_usd,"
        + " price_effective_from, started_at, recorded_at, overage)"
        + " SELECT 'req_time_' || i, 'tenant-' || (i % 40), NULL, 'key-' || (i % 400),"
        + " 'model-' || (i % 3), 100, 0, 0, 50, 0, 'REPORTED', 1000 + i % 997, 'epoch',"
        + " timestamptz '2033-03-01' + i * interval '26 seconds',"
        + " timestamptz '2033-03-01' + i * interval '26 seconds', false"
        + " FROM generate_series(0, " + (ENTRIES - 1) + ") i");
    // what autovacuum does for an index with autosummarize once the next range starts filling
    TestDatabase.execute(SCHEMA.url(), "SELECT brin_summarize_new_values('" + s + "." + INDEX
        + "')");
    TestDatabase.execute(SCHEMA.url(), "ANALYZE " + s + ".ledger_entries");
  }

  @Test
  void aPlatformWideTotalOverPartOfADayIsExact() {
    SpendQuery everyTenant = new SpendQuery(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), FROM, TO);
    String inRange = " FROM " + SCHEMA.name() + ".ledger_entries WHERE started_at >= '" + FROM
        + "' AND started_at < '" + TO + "'";

    SpendTotal total = SCHEMA.stores().ledger().total(everyTenant);

    assertThat(total.requests()).isEqualTo(TestDatabase.queryLong(SCHEMA.url(),
        "SELECT count(*)" + inRange)).isGreaterThan(1_000);
    assertThat(total.cost()).isEqualTo(Money.ofNanoUsd(TestDatabase.queryLong(SCHEMA.url(),
        "SELECT sum(cost_nano_usd)" + inRange)));
  }

  @Test
  void readingPartOfADayByTimeAloneReadsThatPartsPagesThroughTheStartIndex() {
    long pages = TestDatabase.queryLong(SCHEMA.url(), "SELECT pg_relation_size('" + SCHEMA.name()
        + ".ledger_entries_p203303') / current_setting('block_size')::integer");

    // the shape of the raw part of a total, a breakdown or a series with no tenant, key or model
    String plan = String.join("\n", explainAnalyze("SELECT sum(cost_nano_usd) FROM "
        + SCHEMA.name() + ".ledger_entries WHERE started_at >= '" + FROM + "' AND started_at < '"
        + TO + "'"));

    assertThat(plan).contains("Bitmap Index Scan on " + INDEX).doesNotContain("Seq Scan");
    Matcher read = Pattern.compile("Heap Blocks: lossy=(\\d+)").matcher(plan);
    assertThat(read.find()).as(plan).isTrue();
    assertThat(Long.parseLong(read.group(1))).as("pages read of %d", pages)
        .isLessThan(pages / 5);
  }

  @Test
  void aMonthsPartitionMadeAfterTheMigrationHasTheIndexSummarizingItself() {
    assertThat(TestDatabase.queryLong(SCHEMA.url(), "SELECT count(*) FROM pg_class i"
        + " JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = '" + SCHEMA.name()
        + "' AND i.relname = '" + INDEX + "' AND 'autosummarize=on' = ANY (i.reloptions)"))
        .isOne();
  }

  private static List<String> explainAnalyze(String sql) {
    List<String> lines = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(SCHEMA.url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return lines;
  }
}
