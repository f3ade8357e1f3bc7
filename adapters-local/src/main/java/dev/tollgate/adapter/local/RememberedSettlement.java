package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * A settlement as the lease book remembers it, so that a repeat answers the first. Nearly every
 * settlement has the same amounts on every scope it was held on (all but the soft-limit crossing,
 * which is per scope): such a one is kept as its scopes and four numbers, about 50 bytes, and
 * made into an equal {@link Settlement} again only for a repeat. The book remembers 100,000 of
 * them for tens of seconds each; as objects (a list, a result and its money per scope) they were
 * a fifth of what the collector's young pauses copied (docs/benchmarks.md). Any other settlement
 * is kept as it is.
 */
final class RememberedSettlement {

  private static final Settlement NONE = new Settlement(List.of());

  private final Object scopes; // a Scope, or a Scope[] for two or more
  private final long posted;
  private final long released;
  private final long overage;
  private final long crossed; // bit i: scope i crossed its soft limit
  private final boolean missing;

  private RememberedSettlement(Object scopes, SettleResult first, long crossed) {
    this.scopes = scopes;
    this.posted = first.posted().nanoUsd();
    this.released = first.released().nanoUsd();
    this.overage = first.overage().nanoUsd();
    this.missing = first.holdWasMissing();
    this.crossed = crossed;
  }

  /** What to remember of {@code s}: this compact form when it fits, else {@code s} itself. */
  static Object of(Settlement s) {
    List<Settlement.ScopeResult> results = s.results();
    if (results.isEmpty()) {
      return NONE;
    }
    if (results.size() > Long.SIZE) {
      return s;
    }
    SettleResult first = results.get(0).result();
    long crossed = 0;
    Scope[] scopes = new Scope[results.size()];
    for (int i = 0; i < results.size(); i++) {
      SettleResult r = results.get(i).result();
      if (!r.posted().equals(first.posted()) || !r.released().equals(first.released())
          || !r.overage().equals(first.overage()) || r.holdWasMissing() != first.holdWasMissing()) {
        return s;
      }
      crossed |= r.crossedSoftLimit() ? 1L << i : 0;
      scopes[i] = results.get(i).scope();
    }
    return new RememberedSettlement(scopes.length == 1 ? scopes[0] : scopes, first, crossed);
  }

  /** The settlement remembered by {@link #of}, equal to the one given there. */
  static Settlement settlement(Object remembered) {
    return remembered instanceof RememberedSettlement r ? r.expand() : (Settlement) remembered;
  }

  private Settlement expand() {
    Scope[] all = scopes instanceof Scope one ? new Scope[] {one} : (Scope[]) scopes;
    List<Settlement.ScopeResult> results = new ArrayList<>(all.length);
    for (int i = 0; i < all.length; i++) {
      results.add(new Settlement.ScopeResult(all[i], new SettleResult(Money.ofNanoUsd(posted),
          Money.ofNanoUsd(released), Money.ofNanoUsd(overage), missing, (crossed & 1L << i) != 0)));
    }
    return new Settlement(results);
  }
}
