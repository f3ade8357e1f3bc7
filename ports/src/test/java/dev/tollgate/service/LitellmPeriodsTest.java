package dev.tollgate.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.BudgetPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LitellmPeriodsTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  private static Object period(String duration, Instant resetAt) {
    return LitellmPeriods.of(Optional.ofNullable(duration), Optional.ofNullable(resetAt), NOW);
  }

  @Test
  void litellmsStandardResetsAreTollgatesCalendarPeriods() {
    assertThat(period(null, null)).isEqualTo(new LitellmPeriods.Period(BudgetPeriod.lifetime()));
    assertThat(period("1d", null)).isEqualTo(new LitellmPeriods.Period(BudgetPeriod.daily()));
    assertThat(period("24h", null)).isEqualTo(new LitellmPeriods.Period(BudgetPeriod.daily()));
    assertThat(period("7d", null)).isEqualTo(new LitellmPeriods.Period(BudgetPeriod.weekly()));
    assertThat(period("1w", null)).isEqualTo(new LitellmPeriods.Period(BudgetPeriod.weekly()));
    assertThat(period("30d", null)).isEqualTo(new LitellmPeriods.Period(BudgetPeriod.monthly()));
    assertThat(period("1mo", null)).isEqualTo(new LitellmPeriods.Period(BudgetPeriod.monthly()));
  }

  @Test
  void otherWholeDaysEndWhereLitellmWouldHaveReset() {
    Instant reset = Instant.parse("2026-03-12T08:30:00Z");
    assertThat(period("14d", reset)).isEqualTo(new LitellmPeriods.Period(
        BudgetPeriod.everyDays(14, LocalDate.of(2026, 3, 12))));
    assertThat(BudgetPeriod.everyDays(14, LocalDate.of(2026, 3, 12)).windowAt(NOW).end())
        .isEqualTo(Instant.parse("2026-03-12T00:00:00Z"));
  }

  @Test
  void lessThanWholeDaysHasNoTollgatePeriod() {
    assertThat(period("30s", null)).isInstanceOf(LitellmPeriods.Unsupported.class);
    assertThat(period("5m", null)).isInstanceOf(LitellmPeriods.Unsupported.class);
    assertThat(period("12h", null)).isInstanceOf(LitellmPeriods.Unsupported.class);
    assertThat(period("2mo", null)).isInstanceOf(LitellmPeriods.Unsupported.class);
    assertThat(period("soon", null)).isInstanceOf(LitellmPeriods.Unsupported.class);
  }

  @Test
  void spendWhoseResetWasDueBelongsToThePeriodThatEnded() {
    assertThat(LitellmPeriods.spendIsCurrent(Optional.of("1d"),
        Optional.of(NOW.minusSeconds(1)), NOW)).isFalse();
    assertThat(LitellmPeriods.spendIsCurrent(Optional.of("1d"),
        Optional.of(NOW.plusSeconds(1)), NOW)).isTrue();
    assertThat(LitellmPeriods.spendIsCurrent(Optional.empty(),
        Optional.of(NOW.minusSeconds(1)), NOW)).as("no duration: lifetime").isTrue();
  }

  @Test
  void dollarsRoundUpWhenSpentAndDownWhenALimit() {
    assertThat(LitellmDollars.spent(new BigDecimal("0.0000000001")).orElseThrow().nanoUsd())
        .isEqualTo(1);
    assertThat(LitellmDollars.limit(new BigDecimal("0.0000000019")).orElseThrow().nanoUsd())
        .isEqualTo(1);
    assertThat(LitellmDollars.spent(new BigDecimal("-0.5")).orElseThrow().nanoUsd()).isZero();
    assertThat(LitellmDollars.limit(new BigDecimal("1e12"))).isEmpty();
    assertThat(LitellmDollars.perMillion(new BigDecimal("0.0000025")).orElseThrow()
        .perMillionTokens().toPlainUsd()).isEqualTo("2.50");
  }
}
