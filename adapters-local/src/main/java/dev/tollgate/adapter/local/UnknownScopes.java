package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scopes a local store has not learned yet. Every admission asks each store this under its
 * lock, and nearly always the answer is none: a loop that allocates nothing then, where the
 * stream it replaces built a pipeline each time (docs/benchmarks.md).
 */
final class UnknownScopes {

  private UnknownScopes() {}

  /** The scopes of {@code scopes} that {@code known} has no entry for, in order. */
  static List<Scope> of(List<Scope> scopes, Map<Scope, ?> known) {
    List<Scope> unknown = null;
    for (Scope scope : scopes) {
      if (!known.containsKey(scope)) {
        unknown = unknown == null ? new ArrayList<>(scopes.size()) : unknown;
        unknown.add(scope);
      }
    }
    return unknown == null ? List.of() : unknown;
  }
}
