package dev.tollgate.domain.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotPoolTest {

  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant LATER = NOW.plus(Duration.ofMinutes(10));

  @Test
  void slots_are_given_up_to_the_limit() {
    SlotPool pool = new SlotPool(2);

    assertThat(pool.tryAcquire("req-a", LATER, NOW)).isTrue();
    assertThat(pool.tryAcquire("req-b", LATER, NOW)).isTrue();
    assertThat(pool.tryAcquire("req-c", LATER, NOW)).isFalse();
    assertThat(pool.inUse(NOW)).isEqualTo(2);
    assertThat(pool.limit()).isEqualTo(2);
  }

  @Test
  void taking_the_same_slot_again_is_a_no_op_even_when_the_pool_is_full() {
    SlotPool pool = new SlotPool(1);
    pool.tryAcquire("req-a", LATER, NOW);

    assertThat(pool.tryAcquire("req-a", LATER, NOW)).isTrue();
    assertThat(pool.inUse(NOW)).isEqualTo(1);
  }

  @Test
  void a_released_slot_can_be_taken_by_another_request() {
    SlotPool pool = new SlotPool(1);
    pool.tryAcquire("req-a", LATER, NOW);

    assertThat(pool.release("req-a")).isTrue();
    assertThat(pool.release("req-a")).isFalse();
    assertThat(pool.release("never-held")).isFalse();
    assertThat(pool.tryAcquire("req-b", LATER, NOW)).isTrue();
  }

  @Test
  void a_slot_whose_holder_vanished_lapses_at_its_exact_expiry() {
    SlotPool pool = new SlotPool(1);
    Instant expiry = NOW.plusSeconds(30);
    pool.tryAcquire("crashed", expiry, NOW);

    assertThat(pool.tryAcquire("req-b", LATER, expiry.minusNanos(1))).isFalse();
    assertThat(pool.inUse(expiry.minusNanos(1))).isEqualTo(1);
    assertThat(pool.inUse(expiry)).isZero();
    assertThat(pool.tryAcquire("req-b", LATER, expiry)).isTrue();
  }

  @Test
  void a_holder_whose_own_slot_lapsed_takes_a_new_one_as_any_other_would() {
    Instant expiry = NOW.plusSeconds(30);
    SlotPool pool = holding(2, expiry, List.of("req-a"), List.of("req-b"));

    assertThat(pool.take("req-a", LATER, expiry)).isEqualTo(SlotPool.Take.TAKEN);
    assertThat(pool.take("req-a", LATER, expiry)).isEqualTo(SlotPool.Take.ALREADY_HELD);
    assertThat(pool.take("req-c", LATER, expiry)).isEqualTo(SlotPool.Take.FULL);
    assertThat(pool.inUse(expiry)).isEqualTo(2);
  }

  @Test
  void lapsed_slots_make_room_when_the_pool_looks_full() {
    Instant expiry = NOW.plusSeconds(30);
    SlotPool pool = holding(3, expiry, List.of("gone-1", "gone-2"), List.of("live"));

    assertThat(pool.take("req-1", LATER, expiry)).isEqualTo(SlotPool.Take.TAKEN);
    assertThat(pool.take("req-2", LATER, expiry)).isEqualTo(SlotPool.Take.TAKEN);
    assertThat(pool.take("req-3", LATER, expiry)).isEqualTo(SlotPool.Take.FULL);
  }

  @Test
  void a_zero_slot_pool_refuses_every_request() {
    assertThat(new SlotPool(0).tryAcquire("req-a", LATER, NOW)).isFalse();
  }

  @Test
  void a_negative_limit_is_a_programmer_error() {
    assertThatThrownBy(() -> new SlotPool(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A pool of {@code limit} slots whose {@code lapsing} holders lapse at {@code expiry}. */
  private static SlotPool holding(int limit, Instant expiry, List<String> lapsing,
      List<String> live) {
    SlotPool pool = new SlotPool(limit);
    lapsing.forEach(h -> pool.tryAcquire(h, expiry, NOW));
    live.forEach(h -> pool.tryAcquire(h, LATER, NOW));
    return pool;
  }
}
