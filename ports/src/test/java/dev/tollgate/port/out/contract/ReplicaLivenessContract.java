package dev.tollgate.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.out.ReplicaLiveness;
import dev.tollgate.port.out.ReplicaRun;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReplicaLiveness} promises: a run is gone only once its connection ended, a
 * run its successor adopted is never gone, forgetting is once, and a forgotten run that is in fact
 * alive learns it at its next renewal.
 */
public abstract class ReplicaLivenessContract {

  /**
   * The liveness of one more process on the same shared store (a store of its own per test
   * class; a memory adapter may answer the same instance every time).
   */
  protected abstract ReplicaLiveness newProcess();

  private static ReplicaRun run() {
    return new ReplicaRun("r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "-1");
  }

  private static List<ReplicaRun> goneOf(ReplicaLiveness l, ReplicaRun... runs) {
    return l.gone(ReplicaLiveness.MAX_GONE).stream().filter(List.of(runs)::contains).toList();
  }

  @Test
  void aRunIsGoneOnlyOnceItsConnectionEnded() {
    ReplicaLiveness victim = newProcess();
    ReplicaLiveness survivor = newProcess();
    ReplicaRun dead = run();
    ReplicaRun alive = run();
    victim.register(dead, List.of());
    survivor.register(alive, List.of());
    assertThat(victim.renew(dead)).isTrue();
    assertThat(goneOf(survivor, dead, alive)).isEmpty();

    victim.end(dead);

    assertThat(goneOf(survivor, dead, alive)).containsExactly(dead);
  }

  @Test
  void aRunItsSuccessorAdoptedIsNeverGone() {
    ReplicaLiveness first = newProcess();
    ReplicaLiveness survivor = newProcess();
    ReplicaRun before = run();
    first.register(before, List.of());
    first.end(before);
    ReplicaLiveness restarted = newProcess();
    ReplicaRun after = new ReplicaRun(before.value().replace("-1", "-2"));

    restarted.register(after, List.of(before));

    assertThat(goneOf(survivor, before, after)).isEmpty();
  }

  @Test
  void aGoneRunIsForgottenOnce() {
    ReplicaLiveness victim = newProcess();
    ReplicaLiveness survivor = newProcess();
    ReplicaRun dead = run();
    victim.register(dead, List.of());
    victim.end(dead);

    assertThat(survivor.forget(dead)).isTrue();
    assertThat(survivor.forget(dead)).isFalse();
    assertThat(goneOf(survivor, dead)).isEmpty();
  }

  @Test
  void aForgottenRunThatIsAliveLearnsItAndIsRegisteredAgain() {
    ReplicaLiveness stalled = newProcess();
    ReplicaLiveness survivor = newProcess();
    ReplicaRun run = run();
    stalled.register(run, List.of());

    survivor.forget(run);

    assertThat(stalled.renew(run)).as("told it was taken for gone").isFalse();
    assertThat(stalled.renew(run)).isTrue();
    assertThat(goneOf(survivor, run)).isEmpty();
  }
}
