package dev.tollgate.domain.rate;

import static dev.tollgate.domain.Theories.longsBetween;
import static dev.tollgate.domain.Theories.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The window's guarantee checked from the outside: whatever it admitted, no interval of length
 * window - bucket holds more than {@code limit} admitted units. Only the recorded admissions (time
 * and amount) are used, never the window's internals.
 */
class RateWindowPropertyTest {

  record Attempt(long advanceMillis, long amount) {}

  record Admitted(long atMillis, long amount) {}

  /** A window of {@code buckets} buckets of {@code bucketMillis} each. */
  record Shape(int buckets, long bucketMillis) {}

  private static final Gen<Long> START_MILLIS = longsBetween(0, 4_000_000_000_000L);

  @Test
  void a_minute_of_sixty_buckets_never_admits_more_than_the_limit_in_59_seconds() {
    theory()
        .forAll(longs().between(0, 100), START_MILLIS, minuteAttempts())
        .checkAssert(
            (limit, startMillis, attempts) -> {
              RateWindow window = new RateWindow(limit, Duration.ofMinutes(1), 60);

              List<Admitted> admitted = replay(window, startMillis, attempts);

              assertAtMostLimitInAnyInterval(admitted, 60_000 - 1_000, limit);
            });
  }

  @Test
  void any_small_window_never_admits_more_than_the_limit_in_window_minus_one_bucket() {
    Gen<Shape> shapes = integers().between(1, 8).zip(longs().between(1, 500), Shape::new);
    theory()
        .forAll(shapes, longs().between(0, 20), START_MILLIS, smallAttempts())
        .checkAssert(
            (shape, limit, startMillis, attempts) -> {
              long bucketMillis = shape.bucketMillis();
              long windowMillis = shape.buckets() * bucketMillis;
              RateWindow window =
                  new RateWindow(limit, Duration.ofMillis(windowMillis), shape.buckets());
              List<Attempt> scaled =
                  attempts.stream()
                      .map(a -> new Attempt(a.advanceMillis() * bucketMillis / 100, a.amount()))
                      .toList();

              List<Admitted> admitted = replay(window, startMillis, scaled);

              assertAtMostLimitInAnyInterval(admitted, windowMillis - bucketMillis, limit);
            });
  }

  /**
   * Two windows fed the same attempts: on a refusal, one probes 1 ms before the suggested retry
   * (still refused, so the hint is tight), then both retry at the hint (admitted, so it is enough).
   */
  @Test
  void waiting_exactly_the_retry_hint_is_enough_and_a_millisecond_less_is_not() {
    theory()
        .forAll(longs().between(0, 20), smallAttempts())
        .checkAssert(RateWindowPropertyTest::retryHintIsExact);
  }

  private static void retryHintIsExact(long limit, List<Attempt> attempts) {
    Duration length = Duration.ofSeconds(10);
    RateWindow window = new RateWindow(limit, length, 10);
    RateWindow twin = new RateWindow(limit, length, 10);
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    for (Attempt attempt : attempts) {
      now = now.plusMillis(attempt.advanceMillis() * 10);
      RateDecision decision = window.tryAcquire(attempt.amount(), now);
      assertThat(twin.tryAcquire(attempt.amount(), now)).isEqualTo(decision);
      if (decision instanceof RateDecision.Limited limited && attempt.amount() <= limit) {
        assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(length);
        Instant retryAt = now.plus(limited.retryAfter());
        assertThat(twin.tryAcquire(attempt.amount(), retryAt.minusMillis(1)))
            .isInstanceOf(RateDecision.Limited.class);
        assertThat(window.tryAcquire(attempt.amount(), retryAt))
            .isInstanceOf(RateDecision.Acquired.class);
        assertThat(twin.tryAcquire(attempt.amount(), retryAt))
            .isInstanceOf(RateDecision.Acquired.class);
        now = retryAt;
      }
    }
  }

  private static List<Admitted> replay(
      RateWindow window, long startMillis, List<Attempt> attempts) {
    List<Admitted> admitted = new ArrayList<>();
    long now = startMillis;
    for (Attempt attempt : attempts) {
      now += attempt.advanceMillis();
      RateDecision decision = window.tryAcquire(attempt.amount(), Instant.ofEpochMilli(now));
      if (decision instanceof RateDecision.Acquired) {
        admitted.add(new Admitted(now, attempt.amount()));
      }
    }
    return admitted;
  }

  /**
   * The busiest closed interval [t, t + length] starts at some admission's time, so checking the
   * interval starting at each admission covers them all.
   */
  private static void assertAtMostLimitInAnyInterval(
      List<Admitted> admitted, long lengthMillis, long limit) {
    for (int i = 0; i < admitted.size(); i++) {
      long from = admitted.get(i).atMillis();
      long sum = 0;
      long to = from + lengthMillis;
      for (int j = i; j < admitted.size() && admitted.get(j).atMillis() <= to; j++) {
        sum += admitted.get(j).amount();
      }
      assertThat(sum)
          .as("admitted in [%d, %d]", from, from + lengthMillis)
          .isLessThanOrEqualTo(limit);
    }
  }

  /** Up to 300 attempts of 0 to 30 units, 3 in 10 at the same instant, 1 in 10 after a lull. */
  private static Gen<List<Attempt>> minuteAttempts() {
    Gen<Long> advance =
        Generate.frequency(
            List.of(
                Pair.of(3, Generate.constant(0L)),
                Pair.of(6, longs().between(1, 3_000)),
                Pair.of(1, longs().between(3_000, 70_000))));
    return attempts(advance, longs().between(0, 30), 300);
  }

  /** Advances in hundredths of a bucket, so they scale to any bucket size. */
  private static Gen<List<Attempt>> smallAttempts() {
    Gen<Long> advance =
        Generate.frequency(
            List.of(
                Pair.of(2, Generate.constant(0L)),
                Pair.of(6, longs().between(1, 150)),
                Pair.of(1, longs().between(150, 1_200))));
    return attempts(advance, longs().between(0, 25), 200);
  }

  private static Gen<List<Attempt>> attempts(Gen<Long> advance, Gen<Long> amount, int maxSize) {
    return lists().of(advance.zip(amount, Attempt::new)).ofSizeBetween(0, maxSize);
  }
}
