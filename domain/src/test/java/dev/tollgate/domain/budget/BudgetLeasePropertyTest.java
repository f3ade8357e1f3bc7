package dev.tollgate.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

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
class BudgetLeasePropertyTest {

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

  @Test
  void one_replica_refuses_exactly_when_what_is_let_through_plus_the_request_exceeds_the_limit() {
    QuickTheory.qt().withExamples(1_000).withFixedSeed(0xE4AC7L)
        .forAll(longs().between(0, 10_000), steps())
        .checkAssert((limit, steps) -> {
          Model m = new Model(limit);
          for (Step step : steps) {
            if (step.op() == 1) {
              long before = m.letThrough();
              boolean admitted = m.admit(step.amount());
              assertThat(admitted).as("admitted iff it fits")
                  .isEqualTo(before + step.amount() <= limit);
            } else {
              m.apply(step);
            }
            assertThat(m.letThrough()).isLessThanOrEqualTo(limit);
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
    final BudgetLease lease = new BudgetLease(Scope.key(KeyId.of("k")),
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

    /**
     * Admission as the one replica does it: locally while the slice covers it, else one hold
     * replacing the slice's (what is exposed + the request + a quarter of what is left, or all
     * that is left), else refused with what remains stated exactly.
     */
    boolean admit(long amount) {
      Money request = Money.ofNanoUsd(amount);
      if (!lease.canHold(request)) {
        long needed = lease.neededFor(request, Money.ZERO).nanoUsd();
        long sharedAvailable = limit - posted; // every hold on the store is this slice's
        if (needed > sharedAvailable) {
          assertThat(lease.remainsAfter(Money.ofNanoUsd(sharedAvailable), Money.ZERO))
              .isEqualTo(Money.ofNanoUsd(Math.max(0, limit - letThrough())));
          return false;
        }
        long slice = BudgetLease.sliceOf(Money.ofNanoUsd(sharedAvailable), 4).nanoUsd();
        swap(Math.min(needed + slice, sharedAvailable));
      }
      hold(amount);
      return true;
    }

    private void swap(long amount) {
      HoldId id = HoldId.of("lease:" + (++sequence));
      chunks.clear();
      chunks.put(id, amount);
      lease.rebase(new BudgetLease.Chunk(id, Money.ofNanoUsd(amount), FAR));
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
      lease.addChunk(new BudgetLease.Chunk(id, Money.ofNanoUsd(amount), FAR));
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
      lease.rebase(new BudgetLease.Chunk(id, Money.ofNanoUsd(amount), FAR));
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
