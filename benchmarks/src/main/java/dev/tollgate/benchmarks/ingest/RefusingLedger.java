package dev.tollgate.benchmarks.ingest;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.StoreUnavailableException;
import java.util.List;
import java.util.Optional;

/** A ledger in an outage: refuses every call, so that the journal keeps all it is given. */
final class RefusingLedger implements SpendLedger {

  @Override
  public AppendResult append(SpendEntry entry) {
    throw down();
  }

  @Override
  public List<AppendResult> appendAll(List<SpendEntry> entries) {
    throw down();
  }

  @Override
  public Optional<SpendEntry> find(RequestId request) {
    throw down();
  }

  @Override
  public SpendTotal total(SpendQuery query) {
    throw down();
  }

  @Override
  public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
    throw down();
  }

  private static StoreUnavailableException down() {
    return new StoreUnavailableException("the ledger is down (an outage, simulated)");
  }
}
