package dev.tollgate.adapter.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis every test here runs against: {@code TOLLGATE_TEST_REDIS_URL}. Without it the tests
 * are skipped, except in CI ({@code CI=true}), where a missing Redis fails them. Each test class
 * takes a key prefix of its own and deletes its keys afterwards ({@link #clean}).
 */
final class TestRedis {

  static final String URL_ENV = "TOLLGATE_TEST_REDIS_URL";

  /** The most SCAN pages one clean-up reads. */
  private static final int MAX_SCAN_PAGES = 10_000;

  private TestRedis() {}

  static String url() {
    String url = System.getenv(URL_ENV);
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("CI needs a Redis for these tests: set " + URL_ENV);
      }
      Assumptions.abort("no Redis to test against: " + URL_ENV + " is not set");
    }
    return url;
  }

  /** Settings for a fresh keyspace: a random prefix under {@code url()}. */
  static RedisSettings fresh() {
    return RedisSettings.of(url()).withKeyPrefix("test-" + UUID.randomUUID());
  }

  /** Deletes every key under the settings' prefix (SCAN + DEL, page by page). */
  static void clean(RedisSettings settings) {
    RedisClient client = RedisClient.create(settings.uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ScanArgs match = ScanArgs.Builder.matches("{" + settings.keyPrefix() + "}:*").limit(1000);
      ScanCursor cursor = ScanCursor.INITIAL;
      for (int page = 0; page < MAX_SCAN_PAGES && !cursor.isFinished(); page++) {
        KeyScanCursor<String> keys = c.sync().scan(cursor, match);
        if (!keys.getKeys().isEmpty()) {
          c.sync().del(keys.getKeys().toArray(String[]::new));
        }
        cursor = keys;
      }
    } finally {
      client.shutdown();
    }
  }

  /** How many keys the prefix holds now. */
  static long count(RedisSettings settings) {
    RedisClient client = RedisClient.create(settings.uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ScanArgs match = ScanArgs.Builder.matches("{" + settings.keyPrefix() + "}:*").limit(1000);
      ScanCursor cursor = ScanCursor.INITIAL;
      long count = 0;
      for (int page = 0; page < MAX_SCAN_PAGES && !cursor.isFinished(); page++) {
        KeyScanCursor<String> keys = c.sync().scan(cursor, match);
        count += keys.getKeys().size();
        cursor = keys;
      }
      return count;
    } finally {
      client.shutdown();
    }
  }
}
