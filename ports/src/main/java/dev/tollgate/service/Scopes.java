package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import java.util.List;
import java.util.Optional;

/**
 * The scopes one request counts against, broadest first: tenant, team, key, key x model, and the
 * end user when the request names one.
 */
final class Scopes {

  private Scopes() {}

  static List<Scope> of(VirtualKey key, ModelName model, Optional<EndUserId> endUser) {
    return Scope.chainOf(key.owner(), key.id(), model, endUser);
  }
}
