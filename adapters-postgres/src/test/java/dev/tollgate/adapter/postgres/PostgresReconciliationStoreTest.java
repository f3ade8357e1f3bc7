package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.reconcile.BucketReport;
import dev.tollgate.domain.reconcile.BucketStatus;
import dev.tollgate.domain.reconcile.CounterKey;
import dev.tollgate.domain.reconcile.ModelDifference;
import dev.tollgate.domain.reconcile.TokenCounters;
import dev.tollgate.domain.reconcile.TokenType;
import dev.tollgate.port.out.reconcile.ReconciliationStore;
import dev.tollgate.port.out.reconcile.ReconciliationStore.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reconciliation's shared state: one claimant per bucket across pools, lapsed claims, readings. */
class PostgresReconciliationStoreTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final Instant T = Instant.parse("2026-12-04T03:00:00Z");

  @Test
  void concurrentClaimsFromTwoReplicasAdmitExactlyOneAndALapsedClaimIsTakenOver() {
    try (PostgresStores other = SCHEMA.openReplica(TestSchema.POOL)) {
      List<ReconciliationStore> replicas =
          List.of(SCHEMA.postgres().reconciliation(), other.reconciliation());
      List<Boolean> won = Concurrently.run(16, i -> replicas.get(i % 2)
          .claim(T, "r" + i, T, T.plusSeconds(60)));
      assertThat(won).filteredOn(w -> w).hasSize(1);
      assertThat(replicas.get(0).claim(T, "late", T.plusSeconds(30), T.plusSeconds(90)))
          .as("still held").isFalse();
      assertThat(replicas.get(1).claim(T, "successor", T.plusSeconds(61), T.plusSeconds(120)))
          .as("lapsed unfinished: taken over").isTrue();
      replicas.get(1).finish(new BucketReport(T, T, T, BucketStatus.BASELINE, "successor",
          Optional.empty(), List.of()), Map.of());
      assertThat(replicas.get(0).claim(T, "after", T.plus(Duration.ofHours(1)),
          T.plus(Duration.ofHours(2)))).as("finished: never again").isFalse();
    }
  }

  @Test
  void aReportAndTheReadingItEndedWithAreKeptTogether() {
    ReconciliationStore store = SCHEMA.postgres().reconciliation();
    Instant bucket = T.plusSeconds(300);
    assertThat(store.claim(bucket, "r", bucket, bucket.plusSeconds(60))).isTrue();
    CounterKey in = new CounterKey("gpt-5", TokenType.INPUT);
    Reading reading = new Reading(new TokenCounters(Map.of(in, 1234L)), bucket.plusSeconds(1));
    ModelDifference diff = new ModelDifference("gpt-5", 100, 1234, 0, 0, true, true);
    store.finish(new BucketReport(bucket, T, bucket.plusSeconds(1), BucketStatus.COMPARED, "r",
        Optional.empty(), List.of(diff)), Map.of("http://dp/metrics", reading));

    assertThat(store.lastReading("http://dp/metrics")).contains(reading);
    assertThat(store.lastReading("http://other/metrics")).isEmpty();
    BucketReport newest = store.recent(1).get(0);
    assertThat(newest.bucketStart()).isEqualTo(bucket);
    assertThat(newest.models()).containsExactly(diff);
    assertThat(newest.status()).isEqualTo(BucketStatus.COMPARED);
  }
}
