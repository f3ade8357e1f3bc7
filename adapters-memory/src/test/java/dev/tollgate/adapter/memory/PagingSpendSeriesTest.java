package dev.tollgate.adapter.memory;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.contract.SpendSeriesContract;
import java.util.List;
import java.util.Optional;

/** The port's own series and breakdown (paging through entries) keep the contract too. */
class PagingSpendSeriesTest extends SpendSeriesContract {

  @Override
  protected SpendLedger newLedger() {
    InMemorySpendLedger store = new InMemorySpendLedger();
    return new SpendLedger() {
      @Override
      public AppendResult append(SpendEntry entry) {
        return store.append(entry);
      }

      @Override
      public Optional<SpendEntry> find(RequestId request) {
        return store.find(request);
      }

      @Override
      public SpendTotal total(SpendQuery query) {
        return store.total(query);
      }

      @Override
      public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
        return store.entries(query, offset, limit);
      }
    };
  }
}
