package dev.tollgate.adapter.postgres;

import static dev.tollgate.adapter.postgres.LedgerFixtures.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.port.out.SpendLedger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Partitions made ahead, and retention: whole months dropped, their rollup kept. */
class PostgresLedgerRetentionTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final Instant NOW = Instant.parse("2032-06-15T12:00:00Z");

  private final LedgerFixtures f = new LedgerFixtures();
  private final SpendLedger ledger = SCHEMA.stores().ledger();
  private final PostgresLedgerMaintenance maintenance = SCHEMA.postgres().ledgerMaintenance();

  @Test
  void partitionsAreCreatedAheadOnceAndRetentionDropsWholeOldMonths() {
    assertThat(maintenance.createMonthsAhead(NOW, 2)).isEqualTo(3);
    assertThat(maintenance.createMonthsAhead(NOW, 2)).isZero();

    SpendEntry march = f.entry(1, Instant.parse("2032-03-10T08:00:00Z"));
    SpendEntry april = f.entry(20, Instant.parse("2032-04-30T23:59:59Z"));
    SpendEntry may = f.entry(300, Instant.parse("2032-05-01T00:00:00Z"));
    SpendEntry june = f.entry(4_000, NOW);
    ledger.appendAll(List.of(march, april, may, june));
    // Other tests of this class may have left months before May 2032 too.
    long oldMonths = count("pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        + " WHERE i.inhparent = '" + SCHEMA.name() + ".ledger_entries'::regclass"
        + " AND c.relname < 'ledger_entries_p203205'");
    long oldIds = count(SCHEMA.name() + ".ledger_request_ids"
        + " WHERE started_at < '2032-05-01T00:00:00Z'");

    PostgresLedgerMaintenance.Retention retention = maintenance.applyRetention(NOW, 1);

    assertThat(oldMonths).isGreaterThanOrEqualTo(2);
    assertThat(retention).isEqualTo(new PostgresLedgerMaintenance.Retention(
        Math.toIntExact(oldMonths), oldIds));
    assertThat(ledger.find(march.requestId())).isEmpty();
    assertThat(ledger.find(april.requestId())).isEmpty();
    assertThat(ledger.find(may.requestId())).contains(may);
    SpendQuery spring = SpendQuery.forTenant(f.tenant, Instant.parse("2032-03-01T00:00:00Z"),
        Instant.parse("2032-05-01T00:00:00Z"));
    assertThat(ledger.entries(spring, 0, 10)).isEmpty();
    assertThat(ledger.total(spring)).as("whole days still answer from the rollup")
        .isEqualTo(sum(List.of(march, april)));
    assertThat(ledger.breakdown(spring, SpendGrouping.DAY)).as("so do breakdowns over them")
        .containsExactly(new SpendGroup("2032-03-10", sum(List.of(march))),
            new SpendGroup("2032-04-30", sum(List.of(april))));
    assertThat(maintenance.applyRetention(NOW, 1))
        .isEqualTo(new PostgresLedgerMaintenance.Retention(0, 0));
  }

  private static long count(String fromWhere) {
    return TestDatabase.queryLong(SCHEMA.url(), "SELECT count(*) FROM " + fromWhere);
  }

  @Test
  void anAppendIntoAMonthDroppedSinceThisProcessSawItRecreatesThePartition() {
    SpendEntry first = f.entry(5, Instant.parse("2031-11-02T10:00:00Z"));
    ledger.append(first);
    maintenance.applyRetention(NOW, 1);

    SpendEntry late = f.entry(6, Instant.parse("2031-11-03T10:00:00Z"));

    assertThat(ledger.append(late)).isEqualTo(AppendResult.APPENDED);
    assertThat(ledger.find(late.requestId())).contains(late);
  }
}
