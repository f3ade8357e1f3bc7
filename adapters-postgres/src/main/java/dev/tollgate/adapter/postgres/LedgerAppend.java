package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.LedgerMapper.EntryRow;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.port.out.StoreRefusedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One batch appended in one transaction: claim the request ids (sorted, so concurrent batches
 * never wait on each other in a cycle), insert the entries whose ids were claimed and add them to
 * the daily rollup (staged by COPY, one statement: {@link LedgerStaging}), and classify the rest
 * against what is recorded.
 */
final class LedgerAppend {

  private LedgerAppend() {}

  /** A batch appended: the results in the batch's order, and the ids it claimed (the entries it inserted). */
  record Appended(List<AppendResult> results, Set<String> claimed) {}

  /** A batch made ready for its transaction ({@link #prepare}): its first entry per id, its rows. */
  static final class Prepared {
    private final List<SpendEntry> batch;
    private final Map<String, SpendEntry> firsts;
    private final LedgerStaging.Batch rows;

    private Prepared(List<SpendEntry> batch, Map<String, SpendEntry> firsts,
        LedgerStaging.Batch rows) {
      this.batch = batch;
      this.firsts = firsts;
      this.rows = rows;
    }
  }

  /** {@code batch} holds storable entries (see {@link LedgerRows#storable}). */
  static List<AppendResult> append(Tx tx, List<SpendEntry> batch, FreshFirst claims) {
    return append(tx, prepare(batch, false), claims).results();
  }

  /**
   * This JVM's part of appending {@code batch} (storable entries, see {@link LedgerRows#storable}),
   * done before its transaction; {@code posted}: their costs are posted on the budgets in that
   * transaction (V30's mark on each claim).
   */
  static Prepared prepare(List<SpendEntry> batch, boolean posted) {
    Map<String, SpendEntry> firsts = new LinkedHashMap<>();
    batch.forEach(e -> firsts.putIfAbsent(e.requestId().value(), e));
    List<EntryRow> rows = firsts.values().stream().map(LedgerRows::toRow)
        .sorted(Comparator.comparing(EntryRow::requestId)).toList();
    return new Prepared(batch, firsts, LedgerStaging.prepare(rows, posted));
  }

  /** Appends a prepared batch, answering the ids it claimed too. */
  static Appended append(Tx tx, Prepared prepared, FreshFirst claims) {
    LedgerMapper ledger = tx.mapper(LedgerMapper.class);
    Set<String> claimed = new HashSet<>(LedgerStaging.append(tx, prepared.rows, claims));
    Map<String, SpendEntry> recorded = new HashMap<>();
    List<String> others =
        prepared.firsts.keySet().stream().filter(id -> !claimed.contains(id)).toList();
    if (!others.isEmpty()) {
      ledger.recorded(others).forEach(r -> recorded.put(r.requestId(), LedgerRows.toEntry(r)));
    }
    return new Appended(classify(prepared.batch, prepared.firsts, claimed, recorded), claimed);
  }

  private static List<AppendResult> classify(List<SpendEntry> batch, Map<String, SpendEntry> firsts,
      Set<String> claimed, Map<String, SpendEntry> recorded) {
    List<AppendResult> results = new ArrayList<>(batch.size());
    Set<String> answered = new HashSet<>();
    for (SpendEntry e : batch) {
      String id = e.requestId().value();
      boolean first = answered.add(id);
      if (claimed.contains(id)) {
        results.add(first ? AppendResult.APPENDED : AppendResult.against(firsts.get(id), e));
        continue;
      }
      SpendEntry existing = recorded.get(id);
      if (existing == null) {
        // The id is claimed but its partition is gone: retention is dropping that month now.
        throw new StoreRefusedException("request " + id + " is recorded without its entry");
      }
      results.add(AppendResult.against(existing, e));
    }
    return results;
  }
}
