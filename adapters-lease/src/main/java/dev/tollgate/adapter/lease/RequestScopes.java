package dev.tollgate.adapter.lease;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import java.util.ArrayList;
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

  static List<Scope> of(SpendEntry entry) {
    List<Scope> scopes = new ArrayList<>(4);
    scopes.add(Scope.tenant(entry.owner().tenant()));
    entry.owner().team().ifPresent(team -> scopes.add(Scope.team(entry.owner().tenant(), team)));
    scopes.add(Scope.key(entry.key()));
    scopes.add(Scope.keyModel(entry.key(), entry.model()));
    return List.copyOf(scopes);
  }
}
