package dev.tollgate.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetriesBackOffExponentiallyUpToTheirBoundTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void each_delay_doubles_until_the_cap_and_the_last_attempt_gives_up() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(5), Duration.ofSeconds(30));

    assertThat(policy.nextAttempt(1, NOW)).contains(NOW.plusSeconds(5));
    assertThat(policy.nextAttempt(2, NOW)).contains(NOW.plusSeconds(10));
    assertThat(policy.nextAttempt(3, NOW)).contains(NOW.plusSeconds(20));
    assertThat(policy.nextAttempt(4, NOW)).contains(NOW.plusSeconds(30));
    assertThat(policy.nextAttempt(5, NOW)).contains(NOW.plusSeconds(30));
    assertThat(policy.nextAttempt(6, NOW)).isEmpty();
  }

  @Test
  void the_default_gives_up_after_eight_attempts_within_half_an_hour() {
    Instant at = NOW;
    int attempts = 1;
    while (RetryPolicy.DEFAULT.nextAttempt(attempts, at).isPresent()) {
      at = RetryPolicy.DEFAULT.nextAttempt(attempts, at).get();
      attempts++;
    }
    assertThat(attempts).isEqualTo(8);
    assertThat(Duration.between(NOW, at)).isLessThan(Duration.ofMinutes(30));
  }
}
