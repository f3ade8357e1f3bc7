package dev.tollgate.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-08-21T10:00:00Z");

  @Test
  void delaySecondsAreSeconds() {
    assertThat(RetryAfter.parse(" 7 ", NOW)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
  }

  @Test
  void anHttpDateIsTheTimeUntilThen() {
    assertThat(RetryAfter.parse("Fri, 21 Aug 2026 10:00:30 GMT", NOW))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void aDateInThePastMeansNow() {
    assertThat(RetryAfter.parse("Fri, 21 Aug 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void hugeDelaysAreCappedAtAnHour() {
    assertThat(RetryAfter.parse("86400", NOW)).contains(RetryAfter.MAX);
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(RetryAfter.MAX);
    assertThat(RetryAfter.parse("Sat, 22 Aug 2026 10:00:00 GMT", NOW)).contains(RetryAfter.MAX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "-5", "1.5", "Friday, 21-Aug-26 10:00:30 GMT"})
  void anythingElseIsAbsent(String value) {
    assertThat(RetryAfter.parse(value, NOW)).isEmpty();
  }
}
