package dev.tollgate.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the state replicas share on the hot path lives ({@code tollgate.shared-state}).
 *
 * @param mode {@code postgres-leases} (the default: each replica admits from local slices of
 *     budgets, windows and slots leased from PostgreSQL) or {@code redis} (rate windows, slots and
 *     budget holds in Redis, exact across replicas; the ledger in PostgreSQL stays the record of
 *     money)
 * @param redisUrl {@code tollgate.redis.url}, a Lettuce RedisURI ({@code redis://},
 *     {@code rediss://} for TLS, {@code redis-sentinel://}); required for {@code redis}
 * @param redisKeyPrefix {@code tollgate.redis.key-prefix}: every key starts with {@code {prefix}:}
 * @param redisCommandTimeout {@code tollgate.redis.command-timeout}: the longest one Redis call
 *     may hold a request
 * @param redisPassword from {@code TOLLGATE_REDIS_PASSWORD} or {@code TOLLGATE_REDIS_PASSWORD_FILE}
 */
public record SharedStateSettings(
    String mode, Optional<String> redisUrl, String redisKeyPrefix, Duration redisCommandTimeout,
    Optional<Secret> redisPassword) {

  public static final List<String> MODES = List.of("postgres-leases", "redis");
  public static final SharedStateSettings DEFAULT = new SharedStateSettings(
      "postgres-leases", Optional.empty(), "tollgate", Duration.ofMillis(500), Optional.empty());

  public SharedStateSettings {
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException(
          "tollgate.shared-state '" + mode + "' is not one of " + MODES);
    }
    if (mode.equals("redis") && redisUrl.isEmpty()) {
      throw new IllegalArgumentException("tollgate.redis.url is required for shared-state redis");
    }
    if (redisCommandTimeout.toMillis() < 10 || redisCommandTimeout.toSeconds() > 60) {
      throw new IllegalArgumentException("tollgate.redis.command-timeout must be 10 ms..60 s");
    }
  }

  public boolean isRedis() {
    return mode.equals("redis");
  }
}
