package dev.tollgate.adapter.postgres;

import static dev.tollgate.adapter.postgres.LedgerFixtures.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.port.out.SpendLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fresh batch below the full size goes in statements of {@link
 * LedgerStaging#FRESH_STATEMENT_ROWS} rows, in one transaction: every row once, the rollup whole,
 * and a recorded id in a later statement undoes the earlier ones before the staged path claims
 * the batch (so nothing is recorded twice).
 */
class PostgresLedgerFreshStatementsTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final Instant DAY = Instant.parse("2031-05-20T00:00:00Z");
  private static final int ROWS = 2 * LedgerStaging.FRESH_STATEMENT_ROWS + 50;

  private final LedgerFixtures f = new LedgerFixtures();
  private final SpendLedger ledger = SCHEMA.stores().ledger();

  private List<SpendEntry> batch(int n, Instant from) {
    List<SpendEntry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      entries.add(f.entry(1_000 + i, from.plusSeconds(i)));
    }
    return entries;
  }

  private SpendQuery theDay() {
    return SpendQuery.forTenant(f.tenant, DAY, DAY.plusSeconds(86_400));
  }

  @Test
  void aBatchOfSeveralStatementsIsRecordedOnceWithItsRollup() {
    List<SpendEntry> entries = batch(ROWS, DAY.plusSeconds(3_600));

    assertThat(ledger.appendAll(entries)).containsOnly(AppendResult.APPENDED).hasSize(ROWS);

    assertThat(ledger.total(theDay())).as("a whole day: the rollup").isEqualTo(sum(entries));
    assertThat(ledger.entries(theDay(), 0, 1_000)).containsExactlyElementsOf(entries);
    assertThat(ledger.appendAll(entries)).as("replayed").containsOnly(AppendResult.EXISTS);
    assertThat(ledger.total(theDay())).isEqualTo(sum(entries));
  }

  @Test
  void anIdRecordedBeforeInTheLastStatementUndoesTheFirstOnesAndTheBatchIsClaimedOnce() {
    List<SpendEntry> entries = batch(ROWS, DAY.plusSeconds(7_200));
    SpendEntry recorded = entries.get(ROWS - 10);
    assertThat(ledger.append(recorded)).isEqualTo(AppendResult.APPENDED);

    List<AppendResult> results = ledger.appendAll(entries);

    List<AppendResult> expected = new ArrayList<>(Collections.nCopies(ROWS, AppendResult.APPENDED));
    expected.set(ROWS - 10, AppendResult.EXISTS);
    assertThat(results).containsExactlyElementsOf(expected);
    assertThat(ledger.entries(theDay(), 0, 1_000)).containsExactlyElementsOf(entries);
    assertThat(ledger.total(theDay())).isEqualTo(sum(entries));
  }
}
