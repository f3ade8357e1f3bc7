package dev.tollgate.adapter.redis;

import java.time.Duration;
import java.util.Optional;

/**
 * Where Redis is and how long a call may take.
 *
 * @param uri a Lettuce {@code RedisURI}: {@code redis://host:port/db}, {@code rediss://} for TLS,
 *     {@code redis-sentinel://host:26379,host2:26379/db#master} for Sentinel
 * @param password overrides any password in the URI when present
 * @param keyPrefix every key starts with {@code {keyPrefix}:}; the braces are a Cluster hash tag,
 *     so the keys of one operation share a slot
 * @param commandTimeout the longest one call waits for its answer; a slow Redis never holds a
 *     request longer than this
 * @param connectTimeout the longest opening (or reopening) the connection may take
 */
public record RedisSettings(
    String uri, Optional<String> password, String keyPrefix, Duration commandTimeout,
    Duration connectTimeout) {

  public static final String DEFAULT_PREFIX = "tollgate";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  public RedisSettings {
    if (uri == null || uri.isBlank() || password == null || keyPrefix == null) {
      throw new IllegalArgumentException("uri, password and keyPrefix are required");
    }
    if (keyPrefix.isEmpty() || keyPrefix.length() > 64 || !keyPrefix.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("keyPrefix must be 1..64 of [A-Za-z0-9._-]: " + keyPrefix);
    }
    if (!commandTimeout.isPositive() || !connectTimeout.isPositive()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** The defaults for everything but the URI. */
  public static RedisSettings of(String uri) {
    return new RedisSettings(uri, Optional.empty(), DEFAULT_PREFIX, DEFAULT_COMMAND_TIMEOUT,
        DEFAULT_CONNECT_TIMEOUT);
  }

  public RedisSettings withPassword(Optional<String> value) {
    return new RedisSettings(uri, value, keyPrefix, commandTimeout, connectTimeout);
  }

  public RedisSettings withKeyPrefix(String value) {
    return new RedisSettings(uri, password, value, commandTimeout, connectTimeout);
  }

  public RedisSettings withCommandTimeout(Duration value) {
    return new RedisSettings(uri, password, keyPrefix, value, connectTimeout);
  }

  public RedisSettings withConnectTimeout(Duration value) {
    return new RedisSettings(uri, password, keyPrefix, commandTimeout, value);
  }

  /** Never shows the password, nor one written into the URI. */
  @Override
  public String toString() {
    return "RedisSettings[uri=" + uri.replaceAll("//[^@/]*@", "//***@") + ", password="
        + (password.isPresent() ? "***" : "none") + ", keyPrefix=" + keyPrefix
        + ", commandTimeout=" + commandTimeout + ", connectTimeout=" + connectTimeout + "]";
  }
}
