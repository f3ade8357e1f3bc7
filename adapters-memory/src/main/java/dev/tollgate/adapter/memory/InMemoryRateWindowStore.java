package dev.tollgate.adapter.memory;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateDecision;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.domain.rate.RateWindow;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rate windows under one lock. A multi-scope acquire counts window by window and, on the first
 * refusal, takes back what it counted, all inside the lock, so it is all-or-nothing.
 */
public final class InMemoryRateWindowStore implements RateWindowStore {

  private record WindowKey(String scope, RateKind kind) {}

  private final Map<WindowKey, RateLimit> limits = new HashMap<>();
  private final Map<WindowKey, RateWindow> windows = new HashMap<>();

  @Override
  public synchronized void putLimit(RateLimit limit) {
    WindowKey key = new WindowKey(limit.scope().storageKey(), limit.kind());
    limits.put(key, limit);
    RateWindow window = windows.get(key);
    if (window != null && window.hasShapeOf(limit)) {
      window.changeLimit(limit.limit());
    } else {
      windows.put(key, RateWindow.of(limit));
    }
  }

  @Override
  public synchronized boolean removeLimit(Scope scope, RateKind kind) {
    WindowKey key = new WindowKey(scope.storageKey(), kind);
    windows.remove(key);
    return limits.remove(key) != null;
  }

  @Override
  public synchronized Optional<RateLimit> limitOf(Scope scope, RateKind kind) {
    return Optional.ofNullable(limits.get(new WindowKey(scope.storageKey(), kind)));
  }

  @Override
  public synchronized RateOutcome tryAcquire(
      List<Scope> scopes, long requests, long tokens, Instant now) {
    List<RateReceipt> receipts = new ArrayList<>();
    for (Scope scope : scopes) {
      for (RateKind kind : RateKind.values()) {
        WindowKey key = new WindowKey(scope.storageKey(), kind);
        RateWindow window = windows.get(key);
        if (window == null) {
          continue;
        }
        long amount = kind == RateKind.REQUESTS ? requests : tokens;
        RateDecision decision = window.tryAcquire(amount, now);
        switch (decision) {
          case RateDecision.Acquired a ->
              receipts.add(
                  new RateReceipt(
                      scope, kind, a.bucketIndex(), amount, window.limit(),
                      window.remaining(now), window.resetAfter(now)));
          case RateDecision.Limited limited -> {
            receipts.forEach(r -> adjustLocked(r, -r.amount(), now));
            return new RateOutcome.Limited(limits.get(key), limited);
          }
        }
      }
    }
    return new RateOutcome.Acquired(receipts);
  }

  @Override
  public synchronized void adjust(RateReceipt receipt, long delta, Instant now) {
    adjustLocked(receipt, delta, now);
  }

  @Override
  public synchronized Optional<RateUsage> usage(Scope scope, RateKind kind, Instant now) {
    WindowKey key = new WindowKey(scope.storageKey(), kind);
    RateWindow window = windows.get(key);
    if (window == null) {
      return Optional.empty();
    }
    return Optional.of(
        new RateUsage(
            limits.get(key), window.used(now), window.remaining(now), window.resetAfter(now)));
  }

  private void adjustLocked(RateReceipt receipt, long delta, Instant now) {
    RateWindow window = windows.get(new WindowKey(receipt.scope().storageKey(), receipt.kind()));
    if (window != null) {
      window.adjust(receipt.bucketIndex(), delta, now);
    }
  }
}
