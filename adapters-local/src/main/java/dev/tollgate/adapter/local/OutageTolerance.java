package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Scope;
import java.util.List;

/**
 * Which scopes a request may be admitted without, when the database cannot tell this replica
 * their budgets or limits: only end-user and tag scopes (tags are treated as end users are
 * below). An unseen key, team or tenant is refused (503)
 * as before; an unseen end user in an outage is served and counted against every other scope of
 * its chain (tenant, team, key, key × model, whose budgets and limits bound it), and its scope is
 * read on its first request after the database answers again. Its spend is still recorded with
 * the end user, so reports and the end-user budget's posted spend see it once the ledger posts.
 */
final class OutageTolerance {

  private OutageTolerance() {}

  /** Whether a request may go on without this scope's state when it cannot be read. */
  static boolean mayStayUnknown(Scope scope) {
    return scope instanceof Scope.EndUser || scope instanceof Scope.TenantTag;
  }

  /** The scopes among {@code unknown} a request cannot be admitted without. */
  static List<Scope> required(List<Scope> unknown) {
    return unknown.stream().filter(s -> !mayStayUnknown(s)).toList();
  }
}
