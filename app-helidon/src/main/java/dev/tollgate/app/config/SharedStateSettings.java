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
 * @param redisConnectTimeout {@code tollgate.redis.connect-timeout}: the longest opening or
 *     reopening the connection may take (the start, and each reconnect after Redis went away)
 * @param redisHandOver {@code tollgate.redis.hand-over}: after a failed Redis call, how long
 *     requests wait for Redis to be trusted again before local state answers them (0: at once)
 */
public record SharedStateSettings(
    String mode, Optional<String> redisUrl, String redisKeyPrefix, Duration redisCommandTimeout,
    Optional<Secret> redisPassword, Duration redisConnectTimeout, Duration redisHandOver) {

  public static final List<String> MODES = List.of("postgres-leases", "redis");
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /**
   * Long enough for a Redis restarted empty to come back and be settled (every replica has placed
   * its running requests' holds on it again: see StoresModule) in the common case, so that a
   * restart is a wait rather than local admissions the other replicas cannot see.
   */
  public static final Duration DEFAULT_HAND_OVER = Duration.ofSeconds(3);
  public static final SharedStateSettings DEFAULT = new SharedStateSettings(
      "postgres-leases", Optional.empty(), "tollgate", Duration.ofMillis(500), Optional.empty());

  /** With the default connect timeout and hand-over. */
  public SharedStateSettings(String mode, Optional<String> redisUrl, String redisKeyPrefix,
      Duration redisCommandTimeout, Optional<Secret> redisPassword) {
    this(mode, redisUrl, redisKeyPrefix, redisCommandTimeout, redisPassword,
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_HAND_OVER);
  }

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
    if (redisConnectTimeout.toMillis() < 10 || redisConnectTimeout.toSeconds() > 60) {
      throw new IllegalArgumentException("tollgate.redis.connect-timeout must be 10 ms..60 s");
    }
    if (redisHandOver.isNegative() || redisHandOver.toSeconds() > 60) {
      throw new IllegalArgumentException("tollgate.redis.hand-over must be 0..60 s");
    }
  }

  public boolean isRedis() {
    return mode.equals("redis");
  }
}
