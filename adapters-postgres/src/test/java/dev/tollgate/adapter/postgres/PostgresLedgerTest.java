package dev.tollgate.adapter.postgres;

import static dev.tollgate.adapter.postgres.LedgerFixtures.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TeamId;
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

  /**
   * A batch of new entries is copied straight into the ledger, its rollup summed in Java; a batch
   * that holds a recorded id goes through the staging table, its rollup summed by the statement.
   * Either way the rollup holds exactly what the entries sum to per day, tenant, team, key and
   * model, and every entry reads back as appended: end user, session, tags and the microsecond
   * of its instants.
   */
  @Test
  void copiedAndStagedBatchesRollUpExactlyWhatTheirEntriesSum() {
    List<SpendEntry> fresh = varied(0, 240);
    List<SpendEntry> mixed = new ArrayList<>(fresh.subList(0, 3));
    mixed.addAll(varied(240, 120));

    assertThat(ledger.appendAll(fresh)).containsOnly(AppendResult.APPENDED);
    List<AppendResult> results = ledger.appendAll(mixed);

    assertThat(results.subList(0, 3)).containsOnly(AppendResult.EXISTS);
    assertThat(results.subList(3, results.size())).containsOnly(AppendResult.APPENDED);
    String of = " WHERE tenant_id = '" + f.tenant.value() + "' ORDER BY 1, 2, 3, 4";
    List<String> rollup = rows("SELECT day::text, team_id, key_id, model, requests, cost_nano_usd,"
        + " input_tokens, cached_input_tokens, cache_write_input_tokens, output_tokens,"
        + " reasoning_tokens, cache_write_1h_input_tokens FROM " + SCHEMA.name() + ".ledger_daily"
        + of);
    List<String> summed = rows("SELECT (started_at AT TIME ZONE 'UTC')::date::text AS d,"
        + " coalesce(team_id, '') AS t, key_id, model, count(*), sum(cost_nano_usd),"
        + " sum(input_tokens), sum(cached_input_tokens), sum(cache_write_input_tokens),"
        + " sum(output_tokens), sum(reasoning_tokens), sum(cache_write_1h_input_tokens) FROM "
        + SCHEMA.name() + ".ledger_entries WHERE tenant_id = '" + f.tenant.value() + "'"
        + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
    assertThat(rollup).hasSizeGreaterThan(15).isEqualTo(summed);
    List<SpendEntry> all = new ArrayList<>(fresh);
    all.addAll(mixed.subList(3, mixed.size()));
    for (SpendEntry e : all) {
      assertThat(ledger.find(e.requestId())).contains(LedgerRows.storable(e));
    }
  }

  /** Entries over two UTC days, two teams and none, three keys, two models, with and without tags. */
  private List<SpendEntry> varied(int from, int n) {
    List<SpendEntry> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      SpendEntry base = f.entry(1_000L * i + 7, DAY1.plusSeconds(700L * i).plusNanos(123_456_789));
      Owner owner = i % 3 == 0 ? Owner.tenant(f.tenant)
          : Owner.team(f.tenant, TeamId.of("team-" + i % 2));
      Tags tags = switch (i % 3) {
        case 0 -> Tags.NONE;
        case 1 -> Tags.of("batch");
        default -> Tags.of("env:prod", "cost-center=42", "x_y.z@w");
      };
      out.add(new SpendEntry(base.requestId(), owner, KeyId.of(f.key.value() + "-" + i % 3),
          ModelName.of(f.model.value() + "-" + i % 2),
          i % 4 == 0 ? Optional.of(EndUserId.of("user-" + i % 5)) : Optional.empty(),
          base.usage(), base.source(), base.cost(), base.priceEffectiveFrom(), base.startedAt(),
          base.recordedAt(), i % 5 == 0,
          i % 2 == 0 ? Optional.of(SessionId.of("session-" + i % 7)) : Optional.empty(), tags));
    }
    return out;
  }

  private static List<String> rows(String sql) {
    List<String> out = new ArrayList<>();
    try (Connection c = SCHEMA.postgres().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(rs.getString(i)).append('|');
        }
        out.add(row.toString());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private long partitionRows(String partition) {
    return TestDatabase.queryLong(SCHEMA.url(), "SELECT count(*) FROM " + SCHEMA.name() + "."
        + partition + " WHERE tenant_id = '" + f.tenant.value() + "'");
  }
}
