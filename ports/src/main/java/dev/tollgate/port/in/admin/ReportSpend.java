package dev.tollgate.port.in.admin;

import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.tenancy.Actor;
import java.util.List;

/**
 * Spend from the ledger. A tenant admin's query is narrowed to its tenant (asking for another
 * tenant answers not found).
 */
public interface ReportSpend {

  AdminResult<SpendTotal> total(Actor actor, SpendQuery query);

  AdminResult<List<SpendGroup>> breakdown(Actor actor, SpendQuery query, SpendGrouping grouping);

  /**
   * Spend per day split by {@code grouping}, the {@code top} groups one by one, in one read,
   * listing at most {@code rows} groups ({@link SpendSeries#listing}; {@code Integer.MAX_VALUE}
   * lists every group).
   */
  AdminResult<SpendSeries> series(
      Actor actor, SpendQuery query, SpendGrouping grouping, int top, int rows);

  AdminResult<List<SpendEntry>> entries(Actor actor, SpendQuery query, int offset, int limit);

  AdminResult<SpendEntry> entry(Actor actor, RequestId request);
}
