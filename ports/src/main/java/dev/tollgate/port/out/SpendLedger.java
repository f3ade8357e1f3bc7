package dev.tollgate.port.out;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendCell;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The append-only record of spend, one entry per request id. Appending the same event twice
 * records it once; its totals always equal the sum of its entries exactly.
 */
public interface SpendLedger {

  AppendResult append(SpendEntry entry);

  /** Appends a batch; the results are in the batch's order. */
  default List<AppendResult> appendAll(List<SpendEntry> entries) {
    List<AppendResult> results = new ArrayList<>(entries.size());
    for (SpendEntry e : entries) {
      results.add(append(e));
    }
    return results;
  }

  /**
   * {@link #appendAll} in two steps, for a caller that overlaps one batch's second step with the
   * next batch's first (the journal's forwarder): when this returns, the entries are in the ledger;
   * the returned step finishes what appending them started (a ledger that posts each cost on
   * budgets posts it there) and answers the results. The caller finishes each step once, one at a
   * time, in the order of their batches; a batch counts as appended only once its step finished.
   * This default has nothing left to do.
   */
  default AppendStep appendAllInSteps(List<SpendEntry> entries) {
    List<AppendResult> results = appendAll(entries);
    return () -> results;
  }

  /** What is left of a batch's append ({@link #appendAllInSteps}). */
  @FunctionalInterface
  interface AppendStep {

    /** Finishes the batch's append: its results, in the batch's order. */
    List<AppendResult> finish();
  }

  Optional<SpendEntry> find(RequestId request);

  SpendTotal total(SpendQuery query);

  /** Entries in start order (then request id); {@code limit} is at most 10,000. */
  List<SpendEntry> entries(SpendQuery query, int offset, int limit);

  /**
   * The query's totals split by {@code grouping}, ordered by group; the groups' totals sum to
   * {@link #total} exactly, except by {@link SpendGrouping#TAG}, where an entry with two tags
   * counts in both groups ({@link SpendGrouping#overlaps()}). This default reads every entry in
   * pages; a store with rollups answers
   * from them.
   */
  default List<SpendGroup> breakdown(SpendQuery query, SpendGrouping grouping) {
    TreeMap<String, SpendTotal> groups = new TreeMap<>();
    int page = 10_000;
    for (int offset = 0; ; offset += page) {
      List<SpendEntry> entries = entries(query, offset, page);
      for (SpendEntry e : entries) {
        for (String group : grouping.groupsOf(e)) {
          groups.merge(group, SpendTotal.NONE.plus(1, e.cost(), e.usage()),
              (a, b) -> a.plus(b.requests(), b.cost(), b.usage()));
        }
      }
      if (entries.size() < page) {
        break;
      }
    }
    List<SpendGroup> out = new ArrayList<>(groups.size());
    groups.forEach((group, total) -> out.add(new SpendGroup(group, total)));
    return out;
  }

  /**
   * The query's spend per UTC day split by {@code grouping} (not {@link SpendGrouping#DAY}), the
   * {@code top} costliest groups one by one and the rest of each day as "other"
   * ({@link SpendSeries}): what {@link #breakdown} by day answers for each group, in one read.
   * This default reads every entry in pages; a store with rollups answers in one query.
   */
  default SpendSeries series(SpendQuery query, SpendGrouping grouping, int top) {
    if (grouping == SpendGrouping.DAY) {
      throw new IllegalArgumentException("a series is by day already; split it by an owner");
    }
    Map<LocalDate, Map<String, SpendTotal>> cells = new HashMap<>();
    int page = 10_000;
    for (int offset = 0; ; offset += page) {
      List<SpendEntry> entries = entries(query, offset, page);
      for (SpendEntry e : entries) {
        Map<String, SpendTotal> day = cells.computeIfAbsent(
            LocalDate.ofInstant(e.startedAt(), ZoneOffset.UTC), d -> new HashMap<>());
        for (String group : grouping.groupsOf(e)) {
          day.merge(group, SpendTotal.NONE.plus(1, e.cost(), e.usage()),
              (a, b) -> a.plus(b.requests(), b.cost(), b.usage()));
        }
      }
      if (entries.size() < page) {
        break;
      }
    }
    List<SpendCell> out = new ArrayList<>();
    cells.forEach((day, groups) -> groups.forEach((g, t) -> out.add(SpendCell.of(day, g, t))));
    return SpendSeries.fold(out, top);
  }

  /**
   * {@link #series} listing only the {@code rows} costliest groups and the others summed
   * ({@link SpendSeries#listing}): a store that ranks in its own query answers with
   * O(rows) groups however many spent; this default cuts the whole series.
   */
  default SpendSeries series(SpendQuery query, SpendGrouping grouping, int top, int rows) {
    return series(query, grouping, top).listing(rows);
  }
}
