package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.app.config.SharedStateSettings;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis round trips per request, counted by Redis itself ({@code INFO commandstats}) on a
 * {@code redis-server} of this test's own, so no other client's commands are counted: a key with
 * a budget, an RPM, a TPM and a parallel limit, 20 requests after one that learned every scope:
 * two scripts a request (one round trip on admission, one at the end).
 * Background work (the probe's epoch read every 250 ms, the hold sweep) is reported apart.
 */
class RedisRoundTripsIT {

  private static final int REQUESTS = 20;
  private static final Pattern STAT = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)");

  @TempDir Path dir;

  @Test
  void roundTripsPerRequestWithEveryKindOfLimit() throws Exception {
    RedisReplicasBehindBalancerIT.machineRedis(); // same precondition as every Redis test
    String schema = "tg_rt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String jdbc = System.getenv("TOLLGATE_TEST_JDBC_URL");
    try (PrivateRedis redis = new PrivateRedis(dir.resolve("redis"));
        GatewayHarness gateway = GatewayHarness.simulated(new StoreSettings("postgres",
            Optional.of(jdbc), schema, true, dir.resolve("pgdata"), dir.resolve("journal"), 4)
            .withSharedState(new SharedStateSettings("redis", Optional.of(redis.url()), "rt",
                Duration.ofMillis(500), Optional.empty())))) {
      IssuedKey key = gateway.key(Money.usd("10.00"), 1000L, 1_000_000L, 10);
      call(gateway, key); // learns every scope

      Map<String, Long> before = commandStats(redis);
      for (int i = 0; i < REQUESTS; i++) {
        call(gateway, key);
      }
      Map<String, Long> after = commandStats(redis);
      Map<String, Long> delta = new TreeMap<>();
      after.forEach((k, v) -> {
        long d = v - before.getOrDefault(k, 0L);
        if (d > 0) {
          delta.put(k, d);
        }
      });
      long scripts = delta.getOrDefault("evalsha", 0L) + delta.getOrDefault("eval", 0L);
      System.out.printf("[redis] round trips over %d requests (every limit set): %s; scripts per"
          + " request %.2f (background: get = the probe's epoch read, time = its age when new, info = this count)%n",
          REQUESTS, delta, (double) scripts / REQUESTS);
      // Two scripts a request: admission (slot, count, hold: admit.lua) and the end (settle,
      // token correction, slot release: finish.lua), plus the background hold sweep's now and then.
      assertThat(scripts).as("one script on admission, one at the end")
          .isBetween(2L * REQUESTS, 2L * REQUESTS + 5);
    } finally {
      try (var c = DriverManager.getConnection(jdbc); var st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static Map<String, Long> commandStats(PrivateRedis redis) throws Exception {
    Process p = new ProcessBuilder("redis-cli", "-u", redis.url(), "info", "commandstats")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    Map<String, Long> stats = new TreeMap<>();
    Matcher m = STAT.matcher(out);
    while (m.find()) {
      stats.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return stats;
  }

  private static void call(GatewayHarness gateway, IssuedKey key) {
    OpenAIOkHttpClient.builder().apiKey(key.secret().reveal()).baseUrl(gateway.base() + "/v1")
        .maxRetries(0).build()
        .chat().completions().create(ChatCompletionCreateParams.builder()
            .model("sim-small").addUserMessage("count my round trips").build());
  }
}
