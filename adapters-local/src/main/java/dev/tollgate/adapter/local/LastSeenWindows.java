package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateDecision;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.port.out.RateOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the fast store last said a window had used, so that local windows, which start from the
 * durable store's count (without the fast store's), cannot admit more than was left then: during
 * an outage the replicas together admit what the last view left, give or take what the others
 * counted since their last sync (the lease path's bound across replicas). The guard lasts one window from the cut; after it,
 * everything the window holds was counted locally.
 */
final class LastSeenWindows {

  /** Rate limits are per minute (rpm, tpm); the guard lasts that long after a cut. */
  static final Duration HORIZON = Duration.ofMinutes(1);

  /** The fast store's view: used right after a count, at {@code at}. */
  private record Seen(long limit, long used, Instant at) {}

  private final Routes<String, Seen> seen = new Routes<>(SharedStateFailover.MAX_ROUTES);

  /** The fast store counted: remember what its windows then held. */
  void observe(List<RateReceipt> receipts, Instant now) {
    for (RateReceipt r : receipts) {
      seen.put(key(r.scope(), r.kind()), new Seen(r.limit(), r.limit() - r.remaining(), now));
    }
  }

  /**
   * The local windows counted {@code receipts}: the first that now holds more than the fast
   * store's last view left, or empty. A local window's count includes what the other replicas
   * counted locally (synced through the durable store), so together they admit what was left,
   * give or take one sync interval.
   */
  Optional<RateOutcome.Limited> admit(List<RateReceipt> receipts, Instant now) {
    for (RateReceipt r : receipts) {
      Optional<Seen> last = seen.snapshotOf(key(r.scope(), r.kind()))
          .filter(s -> now.isBefore(s.at().plus(HORIZON)));
      long usedLocally = r.limit() - r.remaining();
      if (last.isPresent() && last.get().used() + usedLocally > last.get().limit()) {
        RateLimit limit = new RateLimit(r.scope(), r.kind(), r.limit(), HORIZON,
            RateLimit.DEFAULT_BUCKETS);
        return Optional.of(new RateOutcome.Limited(limit, new RateDecision.Limited(
            Duration.ofSeconds(1), last.get().used() + usedLocally - r.amount(), r.limit())));
      }
    }
    return Optional.empty();
  }

  private static String key(Scope scope, RateKind kind) {
    return kind.name() + ":" + scope.storageKey();
  }
}
