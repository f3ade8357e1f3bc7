package dev.tollgate.domain.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateWindowTest {

  /** On a whole second, so one-second buckets start exactly at T0 + n seconds. */
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  private static RateWindow tenPerMinute() {
    return new RateWindow(10, Duration.ofMinutes(1), 60);
  }

  private static long bucketAt(double seconds) {
    return at(seconds).toEpochMilli() / 1000;
  }

  @Test
  void requests_are_admitted_up_to_the_limit() {
    RateWindow window = tenPerMinute();

    assertThat(window.tryAcquire(4, at(0))).isEqualTo(new RateDecision.Acquired(bucketAt(0)));
    assertThat(window.tryAcquire(6, at(1.5))).isEqualTo(new RateDecision.Acquired(bucketAt(1)));
    assertThat(window.used(at(2))).isEqualTo(10);
    assertThat(window.remaining(at(2))).isZero();
  }

  @Test
  void a_request_beyond_the_limit_is_told_when_enough_will_have_aged_out() {
    RateWindow window = tenPerMinute();
    window.tryAcquire(6, at(0));
    window.tryAcquire(4, at(30));

    // Freeing the 6 from second 0 is enough for 5; it leaves the window at second 60.
    assertThat(window.tryAcquire(5, at(45)))
        .isEqualTo(new RateDecision.Limited(Duration.ofSeconds(15), 10, 10));
    // 7 needs the 4 from second 30 gone too: they leave at second 90.
    assertThat(window.tryAcquire(7, at(45)))
        .isEqualTo(new RateDecision.Limited(Duration.ofSeconds(45), 10, 10));
    assertThat(window.tryAcquire(5, at(45.5)))
        .isEqualTo(new RateDecision.Limited(Duration.ofMillis(14_500), 10, 10));
    assertThat(window.used(at(45))).isEqualTo(10);
  }

  @Test
  void a_refused_request_is_not_counted() {
    RateWindow window = tenPerMinute();
    window.tryAcquire(8, at(0));

    window.tryAcquire(3, at(1));

    assertThat(window.used(at(1))).isEqualTo(8);
    assertThat(window.tryAcquire(2, at(1))).isInstanceOf(RateDecision.Acquired.class);
  }

  @Test
  void buckets_age_out_one_window_after_they_began() {
    RateWindow window = tenPerMinute();
    window.tryAcquire(6, at(0));
    window.tryAcquire(4, at(30));

    assertThat(window.used(at(59.999))).isEqualTo(10);
    assertThat(window.used(at(60))).isEqualTo(4);
    assertThat(window.tryAcquire(6, at(60))).isInstanceOf(RateDecision.Acquired.class);
    assertThat(window.used(at(1_000))).isZero();
  }

  @Test
  void an_amount_above_the_limit_is_refused_with_the_whole_window() {
    RateWindow window = tenPerMinute();

    assertThat(window.tryAcquire(11, at(0)))
        .isEqualTo(new RateDecision.Limited(Duration.ofMinutes(1), 0, 10));
  }

  @Test
  void an_adjustment_corrects_the_bucket_an_estimate_was_counted_in() {
    RateWindow window = tenPerMinute();
    long bucket = ((RateDecision.Acquired) window.tryAcquire(5, at(0))).bucketIndex();

    window.adjust(bucket, 3, at(10));
    assertThat(window.used(at(10))).isEqualTo(8);

    window.adjust(bucket, -6, at(20));
    assertThat(window.used(at(20))).isEqualTo(2);
  }

  @Test
  void an_adjustment_never_takes_a_bucket_below_zero() {
    RateWindow window = tenPerMinute();
    long first = ((RateDecision.Acquired) window.tryAcquire(5, at(0))).bucketIndex();
    window.tryAcquire(2, at(1));

    window.adjust(first, -100, at(2));

    assertThat(window.used(at(2))).isEqualTo(2);
    window.adjust(first, 1, at(2));
    assertThat(window.used(at(2))).isEqualTo(3);
  }

  @Test
  void an_adjustment_to_a_bucket_outside_the_window_is_ignored() {
    RateWindow window = tenPerMinute();
    long old = ((RateDecision.Acquired) window.tryAcquire(5, at(0))).bucketIndex();

    window.adjust(old, 100, at(60));
    window.adjust(bucketAt(70), 100, at(60));

    assertThat(window.used(at(60))).isZero();
    assertThat(window.used(at(70))).isZero();
  }

  @Test
  void an_upward_correction_may_exceed_the_limit_and_then_nothing_is_admitted() {
    RateWindow window = tenPerMinute();
    long bucket = ((RateDecision.Acquired) window.tryAcquire(10, at(0))).bucketIndex();

    window.adjust(bucket, 5, at(1));

    assertThat(window.used(at(1))).isEqualTo(15);
    assertThat(window.remaining(at(1))).isZero();
    assertThat(window.tryAcquire(0, at(1)))
        .isEqualTo(new RateDecision.Limited(Duration.ofSeconds(59), 15, 10));
    assertThat(window.tryAcquire(10, at(60))).isInstanceOf(RateDecision.Acquired.class);
  }

  @Test
  void a_clock_going_backwards_counts_in_the_newest_bucket_and_never_over_admits() {
    RateWindow window = tenPerMinute();
    window.tryAcquire(6, at(10));

    assertThat(window.tryAcquire(4, at(5)))
        .isEqualTo(new RateDecision.Acquired(bucketAt(10)));
    assertThat(window.tryAcquire(1, at(5))).isInstanceOf(RateDecision.Limited.class);
    assertThat(window.used(at(0))).isEqualTo(10);
    assertThat(window.used(at(69.999))).isEqualTo(10);
    assertThat(window.used(at(70))).isZero();
  }

  @Test
  void a_retry_hint_is_always_positive_even_when_the_clock_went_backwards() {
    RateWindow window = tenPerMinute();
    window.tryAcquire(10, at(100));

    RateDecision decision = window.tryAcquire(1, at(0));

    assertThat(decision).isInstanceOf(RateDecision.Limited.class);
    assertThat(((RateDecision.Limited) decision).retryAfter()).isPositive();
  }

  @Test
  void reset_after_is_when_the_oldest_counted_bucket_leaves() {
    RateWindow window = tenPerMinute();
    assertThat(window.resetAfter(at(0))).isEqualTo(Duration.ZERO);

    window.tryAcquire(1, at(5));
    window.tryAcquire(1, at(20));

    assertThat(window.resetAfter(at(30))).isEqualTo(Duration.ofSeconds(35));
    assertThat(window.resetAfter(at(65))).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void a_zero_limit_admits_nothing_that_counts() {
    RateWindow window = new RateWindow(0, Duration.ofSeconds(10), 10);

    assertThat(window.tryAcquire(1, at(0))).isInstanceOf(RateDecision.Limited.class);
    assertThat(window.tryAcquire(0, at(0))).isInstanceOf(RateDecision.Acquired.class);
  }

  @Test
  void a_negative_amount_and_an_uneven_window_are_programmer_errors() {
    assertThatThrownBy(() -> tenPerMinute().tryAcquire(-1, at(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateWindow(10, Duration.ofMillis(1001), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateWindow(10, Duration.ofMinutes(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateWindow(-1, Duration.ofMinutes(1), 60))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
