package dev.tollgate.app.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.http.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private static final String KEY = "sk-tg-AbCdEf0123456789012345678901234567xyz";

  /** A clock the test moves. */
  private static final class Hands extends Clock {
    private Instant now = Instant.parse("2030-03-14T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void tenFailuresFromOneAddressRefuseItForTheRestOfTheMinuteInTheApiShape() {
    Hands clock = new Hands();
    SignInThrottle throttle = new SignInThrottle(clock);
    for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
      assertThat(throttle.refusal("10.0.0.1", "guess-" + i)).isEmpty();
      throttle.failed("10.0.0.1", "guess-" + i);
    }
    clock.now = clock.now.plusSeconds(15);

    Optional<ApiError> refused = throttle.refusal("10.0.0.1", "the-right-master-key");
    assertThat(refused).isPresent();
    assertThat(refused.get().status()).isEqualTo(429);
    assertThat(refused.get().code()).isEqualTo("rate_limit_exceeded");
    assertThat(refused.get().retryAfterSeconds()).contains("45");
    assertThat(throttle.refusal("10.0.0.2", "another")).as("another address").isEmpty();

    clock.now = clock.now.plusSeconds(45);
    assertThat(throttle.refusal("10.0.0.1", "the-right-master-key")).as("the window ended")
        .isEmpty();
  }

  @Test
  void tenFailuresWithOneKeyPrefixRefuseItFromEveryAddress() {
    Hands clock = new Hands();
    SignInThrottle throttle = new SignInThrottle(clock);
    for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
      // the same first twelve characters, the rest guessed, from ten addresses
      throttle.failed("10.0.1." + i, KEY.substring(0, 12) + "guess" + i);
    }
    assertThat(throttle.refusal("10.9.9.9", KEY)).isPresent();
    assertThat(throttle.refusal("10.9.9.9", "sk-tg-ZZZZZZ0123456789")).isEmpty();
    assertThat(throttle.refusal("10.0.1.3", "sk-tg-ZZZZZZ0123456789")).as("one failure there")
        .isEmpty();
  }

  @Test
  void failuresSpreadOverMinutesNeverAddUp() {
    Hands clock = new Hands();
    SignInThrottle throttle = new SignInThrottle(clock);
    for (int i = 0; i < 3 * SignInThrottle.MAX_FAILURES; i++) {
      assertThat(throttle.refusal("10.0.0.1", "guess")).as("failure %d", i).isEmpty();
      throttle.failed("10.0.0.1", "guess");
      clock.now = clock.now.plus(Duration.ofSeconds(7)); // nine a minute
    }
  }
}
