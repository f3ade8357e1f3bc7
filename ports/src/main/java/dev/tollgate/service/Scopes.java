package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import java.util.List;

/** The scopes one request counts against, broadest first: tenant, team, key, key x model. */
final class Scopes {

  private Scopes() {}

  static List<Scope> of(VirtualKey key, ModelName model) {
    return Scope.chainOf(key.owner(), key.id(), model);
  }
}
