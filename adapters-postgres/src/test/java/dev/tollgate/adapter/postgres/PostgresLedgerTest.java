package dev.tollgate.adapter.postgres;

import static dev.tollgate.adapter.postgres.LedgerFixtures.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.SpendLedger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the contract cannot see: batches, partitions, the rollup, and PostgreSQL's instants. */
class PostgresLedgerTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final Instant DAY1 = Instant.parse("2031-01-30T00:00:00Z");
  private static final Instant DAY2 = DAY1.plusSeconds(86_400);
  private static final Instant DAY3 = DAY2.plusSeconds(86_400);

  private final LedgerFixtures f = new LedgerFixtures();
  private final SpendLedger ledger = SCHEMA.stores().ledger();

  @Test
  void appendAllWritesMoreThanOneBatchAndAnswersInOrder() {
    List<SpendEntry> entries = new ArrayList<>();
    for (int i = 0; i < 2 * PostgresSpendLedger.MAX_BATCH + 203; i++) {
      entries.add(f.entry(1_000_003L * (i + 1), DAY1.plusSeconds(20L * i))); // all on DAY1
    }

    List<AppendResult> first = ledger.appendAll(entries);
    List<AppendResult> again = ledger.appendAll(entries);

    assertThat(first).hasSize(entries.size()).containsOnly(AppendResult.APPENDED);
    assertThat(again).hasSize(entries.size()).containsOnly(AppendResult.EXISTS);
    assertThat(ledger.total(SpendQuery.forTenant(f.tenant, DAY1, DAY3))).isEqualTo(sum(entries));
    int last = entries.size();
    assertThat(ledger.entries(SpendQuery.forTenant(f.tenant, DAY1, DAY3), last - 3, 10))
        .containsExactlyElementsOf(entries.subList(last - 3, last));
  }

  @Test
  void entriesOfEachMonthGoToAPartitionCreatedOnDemand() {
    List<SpendEntry> entries = List.of(
        f.entry(1, Instant.parse("2031-02-28T23:59:59Z")),
        f.entry(2, Instant.parse("2031-03-01T00:00:00Z")),
        f.entry(3, Instant.parse("2031-04-15T12:00:00Z")));

    ledger.appendAll(entries);

    for (String month : List.of("203102", "203103", "203104")) {
      assertThat(partitionRows("ledger_entries_p" + month)).isEqualTo(1);
    }
    assertThat(ledger.find(entries.get(1).requestId())).contains(entries.get(1));
  }

  @Test
  void totalsReadWholeDaysFromTheRollupAndPartialDaysFromRawRows() {
    List<SpendEntry> day1 = List.of(f.entry(10, DAY1.plusSeconds(3_600)));
    List<SpendEntry> day2 = List.of(f.entry(200, DAY2.plusSeconds(7_200)),
        f.entry(3_000, DAY2.plusSeconds(80_000)));
    List<SpendEntry> day3 = List.of(f.entry(40_000, DAY3.plusSeconds(60)));
    List<SpendEntry> all = new ArrayList<>(day1);
    all.addAll(day2);
    all.addAll(day3);
    ledger.appendAll(all);
    SpendQuery acrossPartialDays = SpendQuery.forTenant(f.tenant, DAY1.plusSeconds(60),
        DAY3.plusSeconds(120));
    assertThat(ledger.total(acrossPartialDays)).isEqualTo(sum(all));

    // Take the raw rows away behind the adapter's back: only the rollup can still answer.
    TestDatabase.execute(SCHEMA.url(), "DELETE FROM " + SCHEMA.name()
        + ".ledger_entries WHERE tenant_id = '" + f.tenant.value() + "'");

    assertThat(ledger.total(SpendQuery.forTenant(f.tenant, DAY1, DAY3.plusSeconds(86_400))))
        .isEqualTo(sum(all));
    assertThat(ledger.total(acrossPartialDays)).as("only the whole day 2").isEqualTo(sum(day2));
    assertThat(ledger.total(SpendQuery.forTenant(f.tenant, DAY1, DAY1.plusSeconds(7_200))))
        .isEqualTo(SpendTotal.NONE);
  }

  @Test
  void openEndedQueriesRunFromInstantMinToInstantMax() {
    List<SpendEntry> entries = List.of(f.entry(5, DAY1), f.entry(7, DAY3.plusSeconds(1)));
    ledger.appendAll(entries);

    SpendQuery forever = SpendQuery.forTenant(f.tenant, Instant.MIN, Instant.MAX);

    assertThat(ledger.total(forever)).isEqualTo(sum(entries));
    assertThat(ledger.entries(forever, 0, 10)).containsExactlyElementsOf(entries);
  }

  @Test
  void instantsAreKeptToTheMicrosecondAndARetryWithNanosecondsStillExists() {
    SpendEntry precise = f.entry(99, DAY2.plusNanos(123_456_789));

    assertThat(ledger.append(precise)).isEqualTo(AppendResult.APPENDED);
    assertThat(ledger.append(precise)).isEqualTo(AppendResult.EXISTS);

    SpendEntry stored = ledger.find(precise.requestId()).orElseThrow();
    assertThat(stored.startedAt()).isEqualTo(DAY2.plusNanos(123_456_000));
    assertThat(stored).isEqualTo(LedgerRows.storable(precise));
  }

  @Test
  void anEntryOutsideYearsOneTo9999IsAProgrammerError() {
    SpendEntry ancient = f.entry(1, Instant.parse("-0001-06-01T00:00:00Z"));

    assertThatThrownBy(() -> ledger.append(ancient)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ledger.find(ancient.requestId())).isEqualTo(Optional.empty());
  }

  /**
   * Over a caller's data source MyBatis bounds statements through JDBC; the batch's COPY, which
   * MyBatis does not run, is bounded for its transaction on the server instead, and the
   * connection's own setting is back once the transaction ends.
   */
  @Test
  void overACallersDataSourceTheCopyIsBoundedForItsTransactionOnly() throws SQLException {
    DataSource pool = SCHEMA.postgres().dataSource();
    SpendLedger bounded = PostgresStores.over(pool, SCHEMA.name(), Duration.ofSeconds(7))
        .stores().ledger();
    SpendEntry entry = f.entry(77, DAY2.plusSeconds(5));

    assertThat(bounded.append(entry)).isEqualTo(AppendResult.APPENDED);
    assertThat(bounded.append(entry)).isEqualTo(AppendResult.EXISTS);
    assertThat(ledger.find(entry.requestId())).contains(entry);
    for (int i = 0; i < 3; i++) { // every connection of the pool, whichever the appends took
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SHOW statement_timeout")) {
        r.next();
        assertThat(r.getString(1)).isEqualTo("30s"); // TestSchema.POOL's
      }
    }
  }

  private long partitionRows(String partition) {
    return TestDatabase.queryLong(SCHEMA.url(), "SELECT count(*) FROM " + SCHEMA.name() + "."
        + partition + " WHERE tenant_id = '" + f.tenant.value() + "'");
  }
}
