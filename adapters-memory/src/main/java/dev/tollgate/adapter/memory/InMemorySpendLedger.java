package dev.tollgate.adapter.memory;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendCell;
import dev.tollgate.domain.ledger.SpendSeries;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The ledger as a map by request id plus the append order, in one of two bounded modes (an entry
 * costs about 0.65 KB of heap):
 *
 * <ul>
 *   <li>{@link #InMemorySpendLedger(int) refusing}: every entry is kept; past {@code capacity}
 *       appends are refused loudly rather than the heap growing without limit. Exact in every
 *       respect, for tests and embedding hosts that settle a bounded number of requests.
 *   <li>{@link #folding folding}: the newest {@code retained} entries are kept one by one; each
 *       older one is folded into per-day totals by tenant, team, key and model
 *       ({@link FoldedSpend}), so the heap stays flat however many requests are served. Totals
 *       and breakdowns stay exact (a range that cuts through folded entries is refused, never
 *       guessed); {@link #entries} and {@link #find} see the retained entries only, and a
 *       duplicate is recognised while its first entry is retained (as the journal's recent ids).
 * </ul>
 *
 * An embedding host that needs every entry for ever uses the PostgreSQL ledger.
 */
public final class InMemorySpendLedger implements SpendLedger {

  public static final int DEFAULT_CAPACITY = 5_000_000;
  private static final int MAX_PAGE = 10_000;

  private final int capacity;
  private final FoldedSpend folded; // null: the refusing mode
  private final Map<RequestId, SpendEntry> byRequest = new HashMap<>();
  private final ArrayDeque<SpendEntry> entries = new ArrayDeque<>();

  public InMemorySpendLedger() {
    this(DEFAULT_CAPACITY);
  }

  /** Keeps every entry; past {@code capacity} entries appends are refused. */
  public InMemorySpendLedger(int capacity) {
    this(capacity, null);
  }

  private InMemorySpendLedger(int capacity, FoldedSpend folded) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.folded = folded;
  }

  /** Keeps the newest {@code retained} entries, folding older ones into per-day totals. */
  public static InMemorySpendLedger folding(int retained) {
    return new InMemorySpendLedger(retained, new FoldedSpend());
  }

  /** Entries kept one by one (at most the capacity or the retained count). */
  public synchronized int retainedEntries() {
    return entries.size();
  }

  /** Per-day totals holding folded entries: grows with keys, models and days, not requests. */
  public synchronized int foldedBuckets() {
    return folded == null ? 0 : folded.buckets();
  }

  @Override
  public synchronized AppendResult append(SpendEntry entry) {
    AppendResult result = AppendResult.against(byRequest.get(entry.requestId()), entry);
    if (result instanceof AppendResult.Appended) {
      if (entries.size() >= capacity) {
        if (folded == null) {
          throw new StoreUnavailableException("in-memory ledger is full (" + capacity + " entries)");
        }
        SpendEntry oldest = entries.removeFirst();
        byRequest.remove(oldest.requestId());
        folded.fold(oldest);
      }
      byRequest.put(entry.requestId(), entry);
      entries.addLast(entry);
    }
    return result;
  }

  @Override
  public synchronized Optional<SpendEntry> find(RequestId request) {
    return Optional.ofNullable(byRequest.get(request));
  }

  @Override
  public synchronized SpendTotal total(SpendQuery query) {
    SpendTotal total = folded == null ? SpendTotal.NONE : folded.total(query);
    Predicate<SpendEntry> matches = matcher(query);
    for (SpendEntry e : entries) {
      if (matches.test(e)) {
        total = total.plus(1, e.cost(), e.usage());
      }
    }
    return total;
  }

  @Override
  public synchronized List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
    if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("offset >= 0 and limit 0.." + MAX_PAGE);
    }
    return entries.stream()
        .filter(matcher(query))
        .sorted(
            Comparator.comparing(SpendEntry::startedAt)
                .thenComparing(e -> e.requestId().value()))
        .skip(offset)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<SpendGroup> breakdown(SpendQuery query, SpendGrouping grouping) {
    TreeMap<String, SpendTotal> groups = new TreeMap<>();
    if (folded != null) {
      folded.breakdown(query, grouping, groups);
    }
    Predicate<SpendEntry> matches = matcher(query);
    for (SpendEntry e : entries) {
      if (matches.test(e)) {
        for (String group : grouping.groupsOf(e)) {
          groups.merge(group, SpendTotal.NONE.plus(1, e.cost(), e.usage()),
              (a, b) -> a.plus(b.requests(), b.cost(), b.usage()));
        }
      }
    }
    List<SpendGroup> out = new ArrayList<>(groups.size());
    groups.forEach((group, total) -> out.add(new SpendGroup(group, total)));
    return out;
  }

  @Override
  public synchronized SpendSeries series(SpendQuery query, SpendGrouping grouping, int top) {
    if (grouping == SpendGrouping.DAY) {
      throw new IllegalArgumentException("a series is by day already; split it by an owner");
    }
    Map<LocalDate, Map<String, SpendTotal>> cells = new TreeMap<>();
    if (folded != null) {
      folded.cells(query, grouping, cells);
    }
    Predicate<SpendEntry> matches = matcher(query);
    for (SpendEntry e : entries) {
      if (matches.test(e)) {
        Map<String, SpendTotal> day = cells.computeIfAbsent(
            LocalDate.ofInstant(e.startedAt(), ZoneOffset.UTC), d -> new HashMap<>());
        for (String group : grouping.groupsOf(e)) {
          day.merge(group, SpendTotal.NONE.plus(1, e.cost(), e.usage()),
              (a, b) -> a.plus(b.requests(), b.cost(), b.usage()));
        }
      }
    }
    List<SpendCell> out = new ArrayList<>();
    cells.forEach((day, groups) -> groups.forEach((g, t) -> out.add(SpendCell.of(day, g, t))));
    return SpendSeries.fold(out, top);
  }

  private static Predicate<SpendEntry> matcher(SpendQuery q) {
    return e ->
        !e.startedAt().isBefore(q.from())
            && e.startedAt().isBefore(q.to())
            && q.tenant().map(t -> t.equals(e.owner().tenant())).orElse(true)
            && q.team().map(t -> e.owner().team().map(t::equals).orElse(false)).orElse(true)
            && q.key().map(k -> k.equals(e.key())).orElse(true)
            && q.model().map(m -> m.equals(e.model())).orElse(true)
            && q.matchesAttribution(e);
  }
}
