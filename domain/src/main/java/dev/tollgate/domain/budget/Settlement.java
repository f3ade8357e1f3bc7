package dev.tollgate.domain.budget;

import java.util.List;

/** What settling one hold did on every scope it was held on. */
public record Settlement(List<ScopeResult> results) {

  public record ScopeResult(Scope scope, SettleResult result) {}

  public Settlement {
    results = List.copyOf(results);
  }

  public boolean anyOverage() {
    return results.stream().anyMatch(r -> r.result().isOverage());
  }
}
