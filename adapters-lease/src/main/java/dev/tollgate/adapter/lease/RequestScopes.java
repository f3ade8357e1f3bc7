package dev.tollgate.adapter.lease;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import java.util.List;

/**
 * What the admission service derives from a request, derived again from its ledger entry: the
 * scopes it counts against (tenant, team, key, key x model, as the service's {@code Scopes}) and
 * its hold id ({@code req:<request id>}, as {@code AuthorizeRequestService} names it).
 */
final class RequestScopes {

  private RequestScopes() {}

  static HoldId holdOf(RequestId request) {
    return HoldId.of("req:" + request.value());
  }

  /** The scopes admission held the request on: the domain's one definition. */
  static List<Scope> of(SpendEntry entry) {
    return Scope.chainOf(entry.owner(), entry.key(), entry.model());
  }
}
