package dev.tollgate.adapter.memory;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.SpendQuery;
import dev.tollgate.port.out.SpendTotal;
import dev.tollgate.port.out.StoreUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The ledger as a map by request id plus the append order. Bounded: past {@code capacity} entries
 * it refuses appends loudly rather than growing without limit; an embedding host that needs more
 * uses the PostgreSQL ledger.
 */
public final class InMemorySpendLedger implements SpendLedger {

  public static final int DEFAULT_CAPACITY = 5_000_000;
  private static final int MAX_PAGE = 10_000;

  private final int capacity;
  private final Map<RequestId, SpendEntry> byRequest = new HashMap<>();
  private final List<SpendEntry> entries = new ArrayList<>();

  public InMemorySpendLedger() {
    this(DEFAULT_CAPACITY);
  }

  public InMemorySpendLedger(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized AppendResult append(SpendEntry entry) {
    AppendResult result = AppendResult.against(byRequest.get(entry.requestId()), entry);
    if (result instanceof AppendResult.Appended) {
      if (entries.size() >= capacity) {
        throw new StoreUnavailableException("in-memory ledger is full (" + capacity + " entries)");
      }
      byRequest.put(entry.requestId(), entry);
      entries.add(entry);
    }
    return result;
  }

  @Override
  public synchronized Optional<SpendEntry> find(RequestId request) {
    return Optional.ofNullable(byRequest.get(request));
  }

  @Override
  public synchronized SpendTotal total(SpendQuery query) {
    SpendTotal total = SpendTotal.NONE;
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

  private static Predicate<SpendEntry> matcher(SpendQuery q) {
    return e ->
        !e.startedAt().isBefore(q.from())
            && e.startedAt().isBefore(q.to())
            && q.tenant().map(t -> t.equals(e.owner().tenant())).orElse(true)
            && q.team().map(t -> e.owner().team().map(t::equals).orElse(false)).orElse(true)
            && q.key().map(k -> k.equals(e.key())).orElse(true)
            && q.model().map(m -> m.equals(e.model())).orElse(true)
            && q.endUser().map(u -> e.endUser().map(u::equals).orElse(false)).orElse(true);
  }
}
