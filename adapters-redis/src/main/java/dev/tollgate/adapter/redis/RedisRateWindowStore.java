package dev.tollgate.adapter.redis;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateDecision;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rate windows on Redis, counted as domain {@code RateWindow} counts them (fixed buckets, the
 * same exact guarantee), by one script per call: a multi-scope acquire is all-or-nothing across
 * every replica sharing the Redis. A window's counts expire after a whole window without use.
 */
public final class RedisRateWindowStore implements RateWindowStore {

  private static final List<RateKind> KINDS = List.of(RateKind.REQUESTS, RateKind.TOKENS);

  private final RedisConnection redis;
  private final Optional<RateWindowStore> durable;

  /**
   * @param durable where limits Redis lost are learned again (after it restarted empty); empty:
   *     a limit Redis does not know is no limit
   */
  public RedisRateWindowStore(RedisConnection redis, Optional<RateWindowStore> durable) {
    this.redis = redis;
    this.durable = durable;
  }

  @Override
  public void putLimit(RateLimit limit) {
    List<String> keys = new ArrayList<>(keys(limit.scope(), limit.kind()));
    keys.add(noneKey(limit.scope(), limit.kind()));
    redis.run(Script.RATE_PUT, keys, List.of(encode(limit)));
  }

  @Override
  public boolean removeLimit(Scope scope, RateKind kind) {
    List<String> keys = keys(scope, kind);
    return redis.call(c -> {
      long removed = c.del(keys.getFirst());
      c.del(keys.getLast());
      c.set(noneKey(scope, kind), "1");
      return removed > 0;
    });
  }

  @Override
  public Optional<RateLimit> limitOf(Scope scope, RateKind kind) {
    String def = redis.call(c -> c.get(limitKey(scope, kind)));
    return Optional.ofNullable(def).map(d -> decode(scope, kind, d));
  }

  @Override
  public RateOutcome tryAcquire(List<Scope> scopes, long requests, long tokens, Instant now) {
    List<?> reply = acquire(countKeys(scopes), countArgs(scopes, requests, tokens, now), scopes);
    return decodeCount(reply, scopes);
  }

  /** Per (scope, kind) its limit, its counts and its tombstone: what rates_count reads. */
  List<String> countKeys(List<Scope> scopes) {
    List<String> keys = new ArrayList<>(scopes.size() * 6);
    for (Scope scope : scopes) {
      for (RateKind kind : KINDS) {
        keys.addAll(keys(scope, kind));
        keys.add(noneKey(scope, kind));
      }
    }
    return keys;
  }

  static List<String> countArgs(List<Scope> scopes, long requests, long tokens, Instant now) {
    List<String> args = new ArrayList<>(1 + scopes.size() * 2);
    args.add(Long.toString(now.toEpochMilli()));
    for (int i = 0; i < scopes.size(); i++) {
      for (RateKind kind : KINDS) {
        args.add(Long.toString(kind == RateKind.REQUESTS ? requests : tokens));
      }
    }
    return args;
  }

  /** rates_count's answer as the port's. */
  static RateOutcome decodeCount(List<?> reply, List<Scope> scopes) {
    if (Replies.number(reply, 0) == 0) {
      int pair = (int) Replies.number(reply, 1) - 1;
      Scope scope = scopes.get(pair / 2);
      RateKind kind = KINDS.get(pair % 2);
      RateLimit limit = new RateLimit(scope, kind, Replies.number(reply, 4),
          Duration.ofMillis(Replies.number(reply, 5)), (int) Replies.number(reply, 6));
      return new RateOutcome.Limited(limit, new RateDecision.Limited(
          Duration.ofMillis(Replies.number(reply, 2)), Replies.number(reply, 3), limit.limit()));
    }
    List<RateReceipt> receipts = new ArrayList<>();
    for (int i = 1; i + 5 < reply.size(); i += 6) {
      int pair = (int) Replies.number(reply, i) - 1;
      receipts.add(new RateReceipt(scopes.get(pair / 2), KINDS.get(pair % 2),
          Replies.number(reply, i + 1), Replies.number(reply, i + 2), Replies.number(reply, i + 3),
          Replies.number(reply, i + 4), Duration.ofMillis(Replies.number(reply, i + 5))));
    }
    return new RateOutcome.Acquired(receipts);
  }

  @Override
  public void adjust(RateReceipt receipt, long delta, Instant now) {
    redis.run(Script.RATE_ADJUST, keys(receipt.scope(), receipt.kind()), List.of(
        Long.toString(receipt.bucketIndex()), Long.toString(delta),
        Long.toString(now.toEpochMilli())));
  }

  @Override
  public Optional<RateUsage> usage(Scope scope, RateKind kind, Instant now) {
    List<?> reply = Replies.list(redis.run(Script.RATE_USAGE, keys(scope, kind),
        List.of(Long.toString(now.toEpochMilli()))));
    if (Replies.number(reply, 0) == 0) {
      return Optional.empty();
    }
    RateLimit limit = new RateLimit(scope, kind, Replies.number(reply, 1),
        Duration.ofMillis(Replies.number(reply, 2)), (int) Replies.number(reply, 3));
    long used = Replies.number(reply, 4);
    return Optional.of(new RateUsage(limit, used, Math.max(0, limit.limit() - used),
        Duration.ofMillis(Replies.number(reply, 5))));
  }

  /** Runs the acquire, first teaching Redis each window it lost (at most one per scope and kind). */
  private List<?> acquire(List<String> keys, List<String> args, List<Scope> scopes) {
    for (int attempt = 0; attempt <= scopes.size() * KINDS.size(); attempt++) {
      List<?> reply = Replies.list(redis.run(Script.RATE_ACQUIRE, keys, args));
      if (Replies.number(reply, 0) != 3) {
        return reply;
      }
      learnPair(scopes, (int) Replies.number(reply, 1));
    }
    throw new StoreUnavailableException("Redis keeps forgetting rate limits while they are learned");
  }

  /** Learns the {@code pair}th (from 1) (scope, kind) window of {@code scopes}. */
  void learnPair(List<Scope> scopes, int pair) {
    learn(scopes.get((pair - 1) / 2), KINDS.get((pair - 1) % 2));
  }

  private void learn(Scope scope, RateKind kind) {
    String def = durable.flatMap(d -> d.limitOf(scope, kind)).map(RedisRateWindowStore::encode)
        .orElse("");
    redis.run(Script.SEED_LIMIT, List.of(limitKey(scope, kind), noneKey(scope, kind)),
        List.of(def));
  }

  private String noneKey(Scope scope, RateKind kind) {
    return redis.key("rate", "none", kind.name(), scope.storageKey());
  }

  List<String> keys(Scope scope, RateKind kind) {
    return List.of(limitKey(scope, kind), redis.key("rate", "count", kind.name(), scope.storageKey()));
  }

  private String limitKey(Scope scope, RateKind kind) {
    return redis.key("rate", "limit", kind.name(), scope.storageKey());
  }

  private static String encode(RateLimit limit) {
    return limit.limit() + ":" + limit.window().toMillis() + ":" + limit.buckets();
  }

  private static RateLimit decode(Scope scope, RateKind kind, String def) {
    String[] parts = def.split(":");
    return new RateLimit(scope, kind, Long.parseLong(parts[0]),
        Duration.ofMillis(Long.parseLong(parts[1])), Integer.parseInt(parts[2]));
  }
}
