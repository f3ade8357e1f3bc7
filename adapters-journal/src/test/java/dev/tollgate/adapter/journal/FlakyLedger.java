package dev.tollgate.adapter.journal;

import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** An in-memory ledger that can be taken down, as a database outage would. */
final class FlakyLedger implements SpendLedger {

  final InMemorySpendLedger inner = new InMemorySpendLedger();
  final AtomicBoolean down = new AtomicBoolean();

  private void check() {
    if (down.get()) {
      throw new StoreUnavailableException("simulated outage");
    }
  }

  @Override
  public AppendResult append(SpendEntry entry) {
    check();
    return inner.append(entry);
  }

  @Override
  public List<AppendResult> appendAll(List<SpendEntry> entries) {
    check();
    return inner.appendAll(entries);
  }

  @Override
  public Optional<SpendEntry> find(RequestId request) {
    check();
    return inner.find(request);
  }

  @Override
  public SpendTotal total(SpendQuery query) {
    check();
    return inner.total(query);
  }

  @Override
  public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
    check();
    return inner.entries(query, offset, limit);
  }
}
