package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.memory.InMemoryRateWindowStore;
import dev.tollgate.adapter.memory.InMemorySlotStore;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncedRateAndSlotStoresTest {

  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Scope KEY = Scope.key(KeyId.of("key_1"));
  private final ManualClock clock = new ManualClock(T0);
  private final LeaseSettings settings = LeaseSettings.defaults();

  @Test
  void two_replicas_synced_between_requests_admit_the_limit_once_not_twice() {
    InMemoryRateWindowStore shared = new InMemoryRateWindowStore();
    shared.putLimit(RateLimit.perMinute(KEY, RateKind.REQUESTS, 10));
    StoreHealth health = new StoreHealth(clock, true);
    List<SyncedRateWindowStore> replicas = List.of(
        new SyncedRateWindowStore(shared, settings, health),
        new SyncedRateWindowStore(shared, settings, health));
    int admitted = 0;
    for (int i = 0; i < 40; i++) {
      SyncedRateWindowStore r = replicas.get(i % 2);
      if (r.tryAcquire(List.of(KEY), 1, 0, clock.instant()) instanceof RateOutcome.Acquired) {
        admitted++;
      }
      clock.advance(Duration.ofMillis(100));
      replicas.forEach(x -> x.sync(clock.instant())); // pushes
      replicas.forEach(x -> x.sync(clock.instant())); // and every replica has read every push
    }
    assertThat(admitted).isEqualTo(10);
    assertThat(shared.usage(KEY, RateKind.REQUESTS, clock.instant()).orElseThrow().used()).isEqualTo(10);
  }

  @Test
  void unsynced_replicas_overshoot_by_at_most_what_the_other_admitted_since_its_last_sync() {
    InMemoryRateWindowStore shared = new InMemoryRateWindowStore();
    shared.putLimit(RateLimit.perMinute(KEY, RateKind.REQUESTS, 10));
    StoreHealth health = new StoreHealth(clock, true);
    SyncedRateWindowStore a = new SyncedRateWindowStore(shared, settings, health);
    SyncedRateWindowStore b = new SyncedRateWindowStore(shared, settings, health);
    int admitted = 0;
    for (int i = 0; i < 8; i++) {
      admitted += a.tryAcquire(List.of(KEY), 1, 0, clock.instant()) instanceof RateOutcome.Acquired ? 1 : 0;
    }
    for (int i = 0; i < 8; i++) {
      admitted += b.tryAcquire(List.of(KEY), 1, 0, clock.instant()) instanceof RateOutcome.Acquired ? 1 : 0;
    }
    assertThat(admitted).as("no sync in between: each saw only itself").isEqualTo(16);
    a.sync(clock.instant());
    b.sync(clock.instant());
    a.sync(clock.instant()); // a sees b's units only at its sync after b pushed them
    assertThat(a.tryAcquire(List.of(KEY), 1, 0, clock.instant())).isInstanceOf(RateOutcome.Limited.class);
    assertThat(b.tryAcquire(List.of(KEY), 1, 0, clock.instant())).isInstanceOf(RateOutcome.Limited.class);
  }

  @Test
  void slots_are_shared_through_the_sync_and_a_killed_replicas_slots_lapse() {
    InMemorySlotStore shared = new InMemorySlotStore();
    shared.putLimit(new ParallelLimit(KEY, 2));
    StoreHealth health = new StoreHealth(clock, true);
    SyncedSlotStore a = new SyncedSlotStore(shared, settings, "a", health);
    SyncedSlotStore b = new SyncedSlotStore(shared, settings, "b", health);
    Instant expiry = T0.plus(Duration.ofMinutes(15));
    assertThat(a.tryAcquire(List.of(KEY), "r1", expiry, clock.instant())).isInstanceOf(SlotOutcome.Acquired.class);
    assertThat(a.tryAcquire(List.of(KEY), "r2", expiry, clock.instant())).isInstanceOf(SlotOutcome.Acquired.class);
    a.sync(clock.instant());
    assertThat(b.tryAcquire(List.of(KEY), "r3", expiry, clock.instant())).isInstanceOf(SlotOutcome.Busy.class);

    // a is killed with both requests in flight: its mirrored slots lapse after the lease TTL
    clock.advance(settings.leaseTtl());
    b.sync(clock.instant());
    assertThat(b.tryAcquire(List.of(KEY), "r4", expiry, clock.instant())).isInstanceOf(SlotOutcome.Acquired.class);
  }

  @Test
  void a_replica_mirrors_its_count_in_one_call_a_round_and_renews_its_slots_before_they_lapse() {
    List<String> calls = new ArrayList<>();
    InMemorySlotStore memory = new InMemorySlotStore();
    SlotStore shared = new SlotStore() {
      @Override public void putLimit(ParallelLimit limit) { memory.putLimit(limit); }
      @Override public boolean removeLimit(Scope scope) { return memory.removeLimit(scope); }
      @Override public Optional<ParallelLimit> limitOf(Scope scope) {
        return memory.limitOf(scope);
      }
      @Override public SlotOutcome tryAcquire(List<Scope> scopes, String holder, Instant expiresAt,
          Instant now) {
        calls.add("tryAcquire");
        return memory.tryAcquire(scopes, holder, expiresAt, now);
      }
      @Override public void release(List<Scope> scopes, String holder) {
        calls.add("release");
        memory.release(scopes, holder);
      }
      @Override public int inUse(Scope scope, Instant now) {
        return memory.inUse(scope, now);
      }
      @Override public Mirrored mirror(Scope scope, List<String> give, List<String> take,
          Instant expiresAt, Instant now) {
        calls.add("mirror");
        return memory.mirror(scope, give, take, expiresAt, now);
      }
    };
    shared.putLimit(new ParallelLimit(KEY, 3));
    SyncedSlotStore a = new SyncedSlotStore(shared, settings, "a", new StoreHealth(clock, true));
    Instant expiry = T0.plus(Duration.ofMinutes(15));
    a.tryAcquire(List.of(KEY), "r1", expiry, clock.instant());
    a.tryAcquire(List.of(KEY), "r2", expiry, clock.instant());

    // past several lease TTLs, two requests in flight throughout, one more and one fewer between
    for (int round = 0; round < 40; round++) {
      if (round % 2 == 0) {
        a.tryAcquire(List.of(KEY), "r3", expiry, clock.instant());
      } else {
        a.release(List.of(KEY), "r3");
      }
      calls.clear();
      a.sync(clock.instant());
      assertThat(calls).as("round " + round).containsExactly("mirror");
      assertThat(shared.inUse(KEY, clock.instant())).as("round " + round).isEqualTo(2 + (round + 1) % 2);
      clock.advance(Duration.ofSeconds(10));
    }
    a.release(List.of(KEY), "r1");
    a.release(List.of(KEY), "r2");
    a.sync(clock.instant());
    assertThat(shared.inUse(KEY, clock.instant())).isZero();
  }

  @Test
  void in_an_outage_known_limits_are_enforced_from_memory_and_unknown_scopes_are_503() {
    InMemoryRateWindowStore shared = new InMemoryRateWindowStore();
    shared.putLimit(RateLimit.perMinute(KEY, RateKind.REQUESTS, 3));
    StoreHealth health = new StoreHealth(clock, true);
    SyncedRateWindowStore rates = new SyncedRateWindowStore(shared, settings, health);
    rates.tryAcquire(List.of(KEY), 1, 0, clock.instant());
    health.unreachable(new StoreUnavailableException("cut"));
    assertThat(rates.tryAcquire(List.of(KEY), 1, 0, clock.instant())).isInstanceOf(RateOutcome.Acquired.class);
    assertThat(rates.tryAcquire(List.of(KEY), 1, 0, clock.instant())).isInstanceOf(RateOutcome.Acquired.class);
    assertThat(rates.tryAcquire(List.of(KEY), 1, 0, clock.instant())).isInstanceOf(RateOutcome.Limited.class);
    Scope stranger = Scope.key(KeyId.of("key_2"));
    assertThatThrownBy(() -> rates.tryAcquire(List.of(stranger), 1, 0, clock.instant()))
        .isInstanceOf(StoreUnavailableException.class);
  }
}
