package dev.tollgate.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Sustained": refusals in each of N consecutive clock minutes; a quiet minute starts over. */
class SustainedRateLimitingTest {

  private static final Scope ACME = Scope.tenant(TenantId.of("acme"));
  private static final Instant T = Instant.parse("2026-12-03T10:00:05Z");

  @Test
  void a_burst_inside_one_minute_is_not_sustained() {
    RateLimitStreaks streaks = new RateLimitStreaks(3);
    for (int s = 0; s < 50; s++) {
      assertThat(streaks.refused(ACME, RateKind.REQUESTS, T.plusSeconds(s))).isEmpty();
    }
  }

  @Test
  void three_consecutive_minutes_are_sustained_in_the_hour_of_the_third() {
    RateLimitStreaks streaks = new RateLimitStreaks(3);
    assertThat(streaks.refused(ACME, RateKind.REQUESTS, T)).isEmpty();
    assertThat(streaks.refused(ACME, RateKind.REQUESTS, T.plusSeconds(60))).isEmpty();
    assertThat(streaks.refused(ACME, RateKind.TOKENS, T.plusSeconds(100))).isEmpty(); // another limit
    assertThat(streaks.refused(ACME, RateKind.REQUESTS, T.plusSeconds(120)))
        .contains(Instant.parse("2026-12-03T10:00:00Z"));
  }

  @Test
  void a_minute_without_a_refusal_ends_the_streak() {
    RateLimitStreaks streaks = new RateLimitStreaks(2);
    assertThat(streaks.refused(ACME, RateKind.REQUESTS, T)).isEmpty();
    assertThat(streaks.refused(ACME, RateKind.REQUESTS, T.plusSeconds(120))).isEmpty();
    assertThat(streaks.refused(ACME, RateKind.REQUESTS, T.plusSeconds(180))).isPresent();
  }

  @Test
  void payload_strings_escape_quotes_backslashes_and_control_characters() {
    assertThat(WebhookPayloads.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }
}
