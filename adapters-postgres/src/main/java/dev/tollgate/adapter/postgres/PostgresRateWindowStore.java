package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.RateMapper.BucketRow;
import dev.tollgate.adapter.postgres.RateMapper.LimitRow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateDecision;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rate windows as per-bucket counter rows. A multi-scope acquire locks every limit row it counts
 * on (one statement, ordered by scope key and kind), decides window by window, and writes the
 * counts only when every window had room: all or nothing, and shared by every replica.
 */
public final class PostgresRateWindowStore implements RateWindowStore {

  private final Db db;

  PostgresRateWindowStore(Db db) {
    this.db = db;
  }

  @Override
  public void putLimit(RateLimit limit) {
    String key = limit.scope().storageKey();
    String kind = limit.kind().name();
    db.inTransaction("put rate limit", tx -> {
      RateMapper rates = tx.mapper(RateMapper.class);
      LimitRow old = rates.lockLimit(key, kind);
      boolean sameShape = old != null && old.windowMillis() == limit.window().toMillis()
          && old.buckets() == limit.buckets();
      rates.putLimit(new LimitRow(key, kind, limit.limit(), limit.window().toMillis(),
          limit.buckets(), sameShape ? old.newestBucket() : null));
      if (!sameShape) {
        rates.deleteBuckets(key, kind); // another shape counts in other buckets: start afresh
      }
      return null;
    });
  }

  @Override
  public boolean removeLimit(Scope scope, RateKind kind) {
    return db.inTransaction("remove rate limit", tx -> {
      RateMapper rates = tx.mapper(RateMapper.class);
      rates.deleteBuckets(scope.storageKey(), kind.name());
      return rates.removeLimit(scope.storageKey(), kind.name()) > 0;
    });
  }

  @Override
  public Optional<RateLimit> limitOf(Scope scope, RateKind kind) {
    LimitRow row = db.read("read rate limit",
        tx -> tx.mapper(RateMapper.class).limit(scope.storageKey(), kind.name()));
    return Optional.ofNullable(row).map(r -> BucketWindow.rateLimit(scope, r));
  }

  @Override
  public RateOutcome tryAcquire(List<Scope> scopes, long requests, long tokens, Instant now) {
    if (requests < 0 || tokens < 0) {
      throw new IllegalArgumentException("amounts must not be negative");
    }
    List<String> keys = ScopeKeys.keys(scopes);
    if (keys.isEmpty()) {
      return new RateOutcome.Acquired(List.of());
    }
    return db.inTransaction("acquire rate windows",
        tx -> acquire(tx, scopes, keys, requests, tokens, now));
  }

  private static RateOutcome acquire(
      Tx tx, List<Scope> scopes, List<String> keys, long requests, long tokens, Instant now) {
    RateMapper rates = tx.mapper(RateMapper.class);
    List<LimitRow> limits = rates.lockLimits(keys);
    if (limits.isEmpty()) {
      return new RateOutcome.Acquired(List.of());
    }
    Map<String, BucketWindow> windows = load(limits, rates.buckets(keys), now);
    List<RateReceipt> receipts = new ArrayList<>();
    for (Scope scope : scopes) {
      for (RateKind kind : RateKind.values()) {
        BucketWindow w = windows.get(id(scope.storageKey(), kind.name()));
        if (w == null) {
          continue;
        }
        long amount = kind == RateKind.REQUESTS ? requests : tokens;
        switch (w.tryAcquire(amount, now)) {
          case RateDecision.Acquired a -> receipts.add(new RateReceipt(scope, kind,
              a.bucketIndex(), amount, w.limit(), w.remaining(), w.resetAfter(now)));
          case RateDecision.Limited limited -> {
            tx.rollbackOnly();
            return new RateOutcome.Limited(w.rateLimit(scope), limited);
          }
        }
      }
    }
    write(rates, windows.values());
    return new RateOutcome.Acquired(receipts);
  }

  private static Map<String, BucketWindow> load(
      List<LimitRow> limits, List<BucketRow> buckets, Instant now) {
    Map<String, List<BucketRow>> byWindow = new HashMap<>();
    for (BucketRow b : buckets) {
      byWindow.computeIfAbsent(id(b.scopeKey(), b.kind()), k -> new ArrayList<>()).add(b);
    }
    Map<String, BucketWindow> windows = new HashMap<>();
    for (LimitRow row : limits) {
      String id = id(row.scopeKey(), row.kind());
      windows.put(id, BucketWindow.of(row, byWindow.getOrDefault(id, List.of()), now));
    }
    return windows;
  }

  /** Counts, window moves and aged-out buckets, each as one statement for every window. */
  private static void write(RateMapper rates, Iterable<BucketWindow> windows) {
    List<BucketRow> additions = new ArrayList<>();
    List<BucketRow> moves = new ArrayList<>();
    List<BucketRow> aged = new ArrayList<>();
    for (BucketWindow w : windows) {
      additions.addAll(w.additions());
      moves.addAll(w.move());
      aged.addAll(w.aged());
    }
    if (!additions.isEmpty()) {
      rates.addUnits(additions);
    }
    if (!moves.isEmpty()) {
      rates.moveWindows(moves);
    }
    if (!aged.isEmpty()) {
      rates.dropAged(aged);
    }
  }

  @Override
  public void adjust(RateReceipt receipt, long delta, Instant now) {
    String key = receipt.scope().storageKey();
    String kind = receipt.kind().name();
    db.inTransaction("adjust rate window", tx -> {
      RateMapper rates = tx.mapper(RateMapper.class);
      LimitRow row = rates.lockLimit(key, kind);
      if (row == null) {
        return null;
      }
      BucketWindow window = moved(rates, row, now);
      if (window.holds(receipt.bucketIndex())) {
        rates.adjust(key, kind, receipt.bucketIndex(), delta);
      }
      return null;
    });
  }

  @Override
  public Optional<RateUsage> usage(Scope scope, RateKind kind, Instant now) {
    return db.read("read rate usage", tx -> {
      RateMapper rates = tx.mapper(RateMapper.class);
      LimitRow row = rates.limit(scope.storageKey(), kind.name());
      return row == null ? Optional.empty() : Optional.of(usageOf(rates, scope, row, now));
    });
  }

  /** {@link #adjust} for each bucket and {@link #usage} after, in one transaction. */
  @Override
  public Optional<RateUsage> push(Scope scope, RateKind kind, Map<Long, Long> deltas, Instant now) {
    String key = scope.storageKey();
    String name = kind.name();
    if (deltas.values().stream().allMatch(d -> d == 0)) {
      return usage(scope, kind, now);
    }
    return db.inTransaction("push rate window", tx -> {
      RateMapper rates = tx.mapper(RateMapper.class);
      LimitRow row = rates.lockLimit(key, name);
      if (row == null) {
        return Optional.<RateUsage>empty();
      }
      BucketWindow window = moved(rates, row, now);
      for (Map.Entry<Long, Long> d : deltas.entrySet()) {
        if (d.getValue() != 0 && window.holds(d.getKey())) {
          rates.adjust(key, name, d.getKey(), d.getValue());
        }
      }
      return Optional.of(usageOf(rates, scope, row, now)); // as usage() reads a row not moved on
    });
  }

  /** The locked limit's window at {@code now}, its row moved on to it when it had fallen behind. */
  private static BucketWindow moved(RateMapper rates, LimitRow row, Instant now) {
    BucketWindow window = BucketWindow.of(row, List.of(), now);
    if (!window.move().isEmpty()) {
      rates.moveWindows(window.move());
    }
    return window;
  }

  private static RateUsage usageOf(RateMapper rates, Scope scope, LimitRow row, Instant now) {
    BucketWindow w = BucketWindow.of(row, rates.bucketsOf(row.scopeKey(), row.kind()), now);
    return new RateUsage(w.rateLimit(scope), w.used(), w.remaining(), w.resetAfter(now));
  }

  private static String id(String scopeKey, String kind) {
    return kind + ' ' + scopeKey;
  }
}
