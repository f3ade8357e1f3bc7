package dev.tollgate.adapter.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * Random interleavings of refills, holds, settlements, journal postings, releases and rebases on
 * one lease, against a model of the shared store (its posted amount and the lease holds it keeps,
 * placing one only while posted + held + amount stays within the limit). Whatever the order, what
 * the replica let through (posted, settled but unposted, in flight) never exceeds the limit, as
 * long as every cost stays within its hold.
 */
class ScopeLeasePropertyTest {

  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Instant FAR = T0.plusSeconds(3600);

  private record Step(int op, long amount) {}

  @Test
  void what_a_lease_lets_through_never_exceeds_the_limit() {
    QuickTheory.qt().withExamples(1_000).withFixedSeed(0x1EA5EL)
        .forAll(longs().between(0, 10_000), steps())
        .checkAssert((limit, steps) -> {
          Model m = new Model(limit);
          for (Step step : steps) {
            m.apply(step);
            assertThat(m.letThrough()).isLessThanOrEqualTo(limit);
            assertThat(m.lease.free().isNegative()).isFalse();
          }
        });
  }

  private static Gen<List<Step>> steps() {
    return lists().of(integers().between(0, 5).zip(longs().between(0, 3_000), Step::new))
        .ofSizeBetween(1, 120);
  }

  /** The lease, and the shared store and requests it is checked against. */
  private static final class Model {
    final long limit;
    final ScopeLease lease = new ScopeLease(Scope.key(KeyId.of("k")),
        new PeriodWindow(Instant.EPOCH, FAR.plusSeconds(3600)), Money.ZERO, T0);
    final Map<HoldId, Long> chunks = new LinkedHashMap<>();
    final Map<HoldId, Long> inFlight = new LinkedHashMap<>();
    final Map<HoldId, Long> unposted = new LinkedHashMap<>();
    long posted;
    int sequence;

    Model(long limit) {
      this.limit = limit;
    }

    long letThrough() {
      return posted + sum(unposted) + sum(inFlight);
    }

    void apply(Step s) {
      switch (s.op()) {
        case 0 -> place(s.amount());
        case 1 -> hold(s.amount());
        case 2 -> pick(inFlight, s.amount()).ifPresent(id -> {
          long actual = inFlight.remove(id) * (s.amount() % 1001) / 1000; // within its hold
          lease.settle(id, Money.ofNanoUsd(actual), false);
          if (actual > 0) {
            unposted.put(id, actual);
          }
        });
        case 3 -> pick(unposted, s.amount()).ifPresent(id -> {
          posted += unposted.remove(id);
          lease.posted(id);
        });
        case 4 -> pick(inFlight, s.amount()).ifPresent(id -> {
          inFlight.remove(id);
          lease.release(id);
        });
        default -> rebase(s.amount());
      }
    }

    private void hold(long amount) {
      if (lease.canHold(Money.ofNanoUsd(amount))) {
        HoldId id = HoldId.of("req:" + (++sequence));
        lease.hold(id, Money.ofNanoUsd(amount), T0);
        inFlight.put(id, amount);
      }
    }

    /** A lease hold, as the shared store would place it: only within what is left. */
    private HoldId place(long amount) {
      if (posted + sum(chunks) + amount > limit) {
        return null;
      }
      HoldId id = HoldId.of("lease:" + (++sequence));
      chunks.put(id, amount);
      lease.addChunk(new ScopeLease.Chunk(id, Money.ofNanoUsd(amount), FAR));
      return id;
    }

    /** One hold replacing every hold of the lease, as the shared store swaps them: atomically. */
    private void rebase(long extra) {
      long amount = lease.exposed().nanoUsd() + extra;
      if (posted + amount > limit) {
        return;
      }
      HoldId id = HoldId.of("lease:" + (++sequence));
      chunks.clear();
      chunks.put(id, amount);
      lease.rebase(new ScopeLease.Chunk(id, Money.ofNanoUsd(amount), FAR));
    }

    private static java.util.Optional<HoldId> pick(Map<HoldId, Long> from, long seed) {
      if (from.isEmpty()) {
        return java.util.Optional.empty();
      }
      List<HoldId> ids = new ArrayList<>(from.keySet());
      return java.util.Optional.of(ids.get((int) (seed % ids.size())));
    }

    private static long sum(Map<HoldId, Long> amounts) {
      return amounts.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
