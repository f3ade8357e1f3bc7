package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import java.util.ArrayList;
import java.util.List;

/** The scopes one request counts against, broadest first: tenant, team, key, key x model. */
final class Scopes {

  private Scopes() {}

  static List<Scope> of(VirtualKey key, ModelName model) {
    List<Scope> scopes = new ArrayList<>(4);
    scopes.add(Scope.tenant(key.owner().tenant()));
    key.owner().team().ifPresent(team -> scopes.add(Scope.team(key.owner().tenant(), team)));
    scopes.add(Scope.key(key.id()));
    scopes.add(Scope.keyModel(key.id(), model));
    return List.copyOf(scopes);
  }
}
