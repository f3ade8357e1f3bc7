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

  /** {@code batch} holds storable entries (see {@link LedgerRows#storable}). */
  static List<AppendResult> append(Tx tx, List<SpendEntry> batch, FreshFirst claims) {
    LedgerMapper ledger = tx.mapper(LedgerMapper.class);
    Map<String, SpendEntry> firsts = new LinkedHashMap<>();
    batch.forEach(e -> firsts.putIfAbsent(e.requestId().value(), e));
    List<EntryRow> rows = firsts.values().stream().map(LedgerRows::toRow)
        .sorted(Comparator.comparing(EntryRow::requestId)).toList();
    Set<String> claimed = new HashSet<>(LedgerStaging.append(tx, rows, claims));
    Map<String, SpendEntry> recorded = new HashMap<>();
    List<String> others = firsts.keySet().stream().filter(id -> !claimed.contains(id)).toList();
    if (!others.isEmpty()) {
      ledger.recorded(others).forEach(r -> recorded.put(r.requestId(), LedgerRows.toEntry(r)));
    }
    return classify(batch, firsts, claimed, recorded);
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
