package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.money.Money;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@code tollgate serve} processes in {@code tollgate.shared-state: redis} on one
 * PostgreSQL (a schema of this run's own) and the machine's Redis (a key prefix of this run's
 * own, deleted at the end), behind a round-robin balancer: a rate limit is exact across them, and
 * a budget blast overspends nothing with every 2xx answer in the ledger once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisReplicasBehindBalancerIT {

  private final String prefix = "test-replicas-" + UUID.randomUUID();
  private String redisUrl;
  private ReplicaCluster cluster;
  private long maxCostNanoUsd;

  /**
   * Redis mode, with a command timeout well above the default 500 ms: on a 2-core machine under
   * a load average of 30 a Redis answer took longer than 500 ms, a replica served from local
   * state for a moment, and this test is about normal operation (the outage tests are in
   * {@link RedisFailuresAcrossReplicasIT}).
   */
  static Map<String, String> redisMode(String url, String prefix, String commandTimeout) {
    return Map.of("TOLLGATE_SHARED_DASH_STATE", "redis", "TOLLGATE_REDIS_URL", url,
        "TOLLGATE_REDIS_KEY_DASH_PREFIX", prefix,
        "TOLLGATE_REDIS_COMMAND_DASH_TIMEOUT", commandTimeout);
  }

  /** Redis outages each replica noticed so far. */
  static java.util.List<Long> outages(ReplicaCluster cluster) {
    return cluster.replicas.stream().map(r -> r.metric("tollgate_redis_outages_total")).toList();
  }

  static String machineRedis() {
    String url = System.getenv("TOLLGATE_TEST_REDIS_URL");
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI needs TOLLGATE_TEST_REDIS_URL for the Redis replica tests");
      }
      org.junit.jupiter.api.Assumptions.abort("TOLLGATE_TEST_REDIS_URL is not set");
    }
    return url;
  }

  private Path dir;

  @BeforeAll
  void startCluster(@TempDir Path dir) throws Exception {
    this.dir = dir;
    redisUrl = machineRedis();
    cluster = new ReplicaCluster(dir, redisMode(redisUrl, prefix, "PT5S"));
    maxCostNanoUsd = RedisBudgetRun.probeMaxCost(cluster);
  }

  /** What each replica logged about Redis (outages, restarts), for the report. */
  static void printRedisLog(Path dir) {
    for (int i = 0; i < ReplicaCluster.REPLICAS; i++) {
      Path log = dir.resolve("replica-" + i).resolve("tollgate.log");
      try (var lines = java.nio.file.Files.lines(log)) {
        int n = i;
        lines.filter(l -> l.contains("Redis")).limit(8)
            .forEach(l -> System.out.printf("[redis-replicas] replica %d log: %s%n", n, l));
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        System.out.printf("[redis-replicas] replica %d log unreadable: %s%n", i, e);
      }
    }
  }

  @AfterAll
  void stopCluster() throws Exception {
    printRedisLog(dir);
    if (cluster != null) {
      cluster.close();
    }
    if (redisUrl != null) {
      io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redisUrl);
      try (var c = client.connect()) {
        var keys = c.sync().keys("{" + prefix + "}:*");
        if (!keys.isEmpty()) {
          c.sync().del(keys.toArray(String[]::new));
        }
      } finally {
        client.shutdown();
      }
    }
  }

  @BeforeEach
  void allServing() {
    cluster.ensureAllServing();
  }

  @Test
  @Order(1)
  void anRpmLimitOf200AdmitsExactly200Of600RequestsAcrossThreeReplicas() throws Exception {
    ReplicaCluster.Key key = cluster.issueKey("rpm", Money.usd("1000.00"), ",\"rpm\":200");

    RateLoad load = new RateLoad(cluster.balancer.base(), key.secret(), RedisBudgetRun.BLAST_THREADS, 600);
    cluster.awaitJournalsForwarded(RedisBudgetRun.DONE);

    System.out.printf("[redis-replicas] rpm 200, 600 requests over 3 replicas: %s; Redis outages per"
        + " replica: %s%n", load.summary(), outages(cluster));
    assertThat(load.elapsedMillis).as("the load fits in one window (else more are due)").isLessThan(59_000);
    assertThat(load.answered2xx).as("admitted").hasSize(200);
    assertThat(load.rateLimited.get()).as("refused for the rate").isEqualTo(400);
    assertThat(load.other.get()).isZero();
    assertThat(cluster.ledger(key.id()).requestIds()).isEqualTo(load.answered2xx);
  }

  @Test
  @Order(2)
  void aBudgetBlastAcrossThreeReplicasOverspendsNothing() throws Exception {
    RedisBudgetRun run = new RedisBudgetRun(cluster, "blast", 100, maxCostNanoUsd);
    try (BudgetLoad load = run.load(RedisBudgetRun.BLAST_THREADS, 300, Duration.ZERO)) {
      load.awaitDone(RedisBudgetRun.DONE);
      run.finish(load, 0, "0 (every hold in one Redis)");
      System.out.printf("[redis-replicas] blast: Redis outages per replica: %s%n", outages(cluster));
      long unused = run.limitNanoUsd - cluster.ledger(run.keyId).totalNanoUsd();
      assertThat(unused).as("exact: refused only when no request's maximum cost fit any more")
          .isLessThan(maxCostNanoUsd);
    }
  }
}
