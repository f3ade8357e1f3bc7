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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory ledger that can be taken down, as a database outage would; with a {@link #gate},
 * each batch waits for a permit (a close's interrupt ends the wait as an outage would), and
 * {@link #sent} counts the entries batches brought, duplicates included.
 */
final class FlakyLedger implements SpendLedger {

  final InMemorySpendLedger inner = new InMemorySpendLedger();
  final AtomicBoolean down = new AtomicBoolean();
  final Semaphore gate;
  final AtomicInteger sent = new AtomicInteger();

  FlakyLedger() {
    this(null);
  }

  FlakyLedger(Semaphore gate) {
    this.gate = gate;
  }

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
    if (gate != null) {
      try {
        gate.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted");
      }
    }
    check();
    sent.addAndGet(entries.size());
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
