package dev.tollgate.port.in.admin;

import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.out.SpendGroup;
import dev.tollgate.port.out.SpendGrouping;
import dev.tollgate.port.out.SpendQuery;
import dev.tollgate.port.out.SpendTotal;
import java.util.List;

/**
 * Spend from the ledger. A tenant admin's query is narrowed to its tenant (asking for another
 * tenant answers not found).
 */
public interface ReportSpend {

  AdminResult<SpendTotal> total(Actor actor, SpendQuery query);

  AdminResult<List<SpendGroup>> breakdown(Actor actor, SpendQuery query, SpendGrouping grouping);

  AdminResult<List<SpendEntry>> entries(Actor actor, SpendQuery query, int offset, int limit);

  AdminResult<SpendEntry> entry(Actor actor, RequestId request);
}
