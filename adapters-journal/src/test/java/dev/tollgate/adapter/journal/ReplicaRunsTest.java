package dev.tollgate.adapter.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaRunsTest {

  @TempDir Path dir;

  @Test
  void each_run_on_a_directory_keeps_the_replica_id_and_knows_the_runs_before_it() {
    String first;
    try (ReplicaRuns runs = ReplicaRuns.claim(dir, new SplittableRandom(1))) {
      first = runs.run();
      assertThat(runs.predecessors()).isEmpty();
      assertThat(first).matches("r[0-9a-f]+-1");
    }
    try (ReplicaRuns runs = ReplicaRuns.claim(dir, new SplittableRandom(2))) {
      String replica = first.substring(0, first.length() - 2);
      assertThat(runs.run()).isEqualTo(replica + "-2");
      assertThat(runs.predecessors()).containsExactly(first);
    }
  }

  @Test
  void a_second_process_on_the_same_directory_is_refused() {
    try (ReplicaRuns runs = ReplicaRuns.claim(dir, new SplittableRandom(1))) {
      assertThatThrownBy(() -> ReplicaRuns.claim(dir, new SplittableRandom(1)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another");
    }
  }

  @Test
  void only_the_last_runs_are_remembered() throws Exception {
    for (int i = 0; i < ReplicaRuns.REMEMBERED_RUNS + 3; i++) {
      ReplicaRuns.claim(dir, new SplittableRandom(i)).close();
    }
    try (ReplicaRuns runs = ReplicaRuns.claim(dir, new SplittableRandom(0))) {
      assertThat(runs.predecessors()).hasSize(ReplicaRuns.REMEMBERED_RUNS);
      assertThat(runs.run()).endsWith("-" + (ReplicaRuns.REMEMBERED_RUNS + 4));
    }
    assertThat(Files.readAllLines(dir.resolve("replica"))).hasSize(ReplicaRuns.REMEMBERED_RUNS + 1);
  }
}
