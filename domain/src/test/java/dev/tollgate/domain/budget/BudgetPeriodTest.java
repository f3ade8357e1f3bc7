package dev.tollgate.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static PeriodWindow window(String startIso, String endIso) {
    return new PeriodWindow(at(startIso), at(endIso));
  }

  @Test
  void a_daily_budget_renews_at_utc_midnight() {
    BudgetPeriod daily = BudgetPeriod.daily();

    assertThat(daily.windowAt(at("2025-03-10T15:30:00Z")))
        .isEqualTo(window("2025-03-10T00:00:00Z", "2025-03-11T00:00:00Z"));
    assertThat(daily.windowAt(at("2025-03-11T00:00:00Z")))
        .isEqualTo(window("2025-03-11T00:00:00Z", "2025-03-12T00:00:00Z"));
    assertThat(daily.windowAt(at("2025-03-11T00:00:00Z").minusNanos(1)))
        .isEqualTo(window("2025-03-10T00:00:00Z", "2025-03-11T00:00:00Z"));
  }

  @Test
  void a_weekly_budget_runs_from_monday_midnight_utc() {
    BudgetPeriod weekly = BudgetPeriod.weekly();

    // 2025-01-01 is a Wednesday; its week began on Monday 2024-12-30.
    assertThat(weekly.windowAt(at("2025-01-01T12:00:00Z")))
        .isEqualTo(window("2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z"));
    assertThat(weekly.windowAt(at("2025-01-06T00:00:00Z")))
        .isEqualTo(window("2025-01-06T00:00:00Z", "2025-01-13T00:00:00Z"));
    assertThat(weekly.windowAt(at("2025-01-05T23:59:59.999999999Z")))
        .isEqualTo(window("2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z"));
  }

  @Test
  void a_monthly_budget_runs_from_the_first_of_the_calendar_month_utc() {
    BudgetPeriod monthly = BudgetPeriod.monthly();

    assertThat(monthly.windowAt(at("2024-02-29T23:00:00Z")))
        .isEqualTo(window("2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"));
    assertThat(monthly.windowAt(at("2024-12-31T23:59:59Z")))
        .isEqualTo(window("2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z"));
    assertThat(monthly.windowAt(at("2025-01-01T00:00:00Z")))
        .isEqualTo(window("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z"));
  }

  @Test
  void an_every_n_days_budget_counts_from_its_anchor_forwards() {
    BudgetPeriod tenDays = BudgetPeriod.everyDays(10, LocalDate.parse("2025-01-01"));

    assertThat(tenDays.windowAt(at("2025-01-01T00:00:00Z")))
        .isEqualTo(window("2025-01-01T00:00:00Z", "2025-01-11T00:00:00Z"));
    assertThat(tenDays.windowAt(at("2025-01-15T08:00:00Z")))
        .isEqualTo(window("2025-01-11T00:00:00Z", "2025-01-21T00:00:00Z"));
    assertThat(tenDays.windowAt(at("2025-01-11T00:00:00Z").minusNanos(1)))
        .isEqualTo(window("2025-01-01T00:00:00Z", "2025-01-11T00:00:00Z"));
  }

  @Test
  void an_every_n_days_budget_counts_from_its_anchor_backwards_too() {
    BudgetPeriod tenDays = BudgetPeriod.everyDays(10, LocalDate.parse("2025-01-01"));

    assertThat(tenDays.windowAt(at("2024-12-25T08:00:00Z")))
        .isEqualTo(window("2024-12-22T00:00:00Z", "2025-01-01T00:00:00Z"));
    assertThat(tenDays.windowAt(at("2024-12-31T23:59:59.999999999Z")))
        .isEqualTo(window("2024-12-22T00:00:00Z", "2025-01-01T00:00:00Z"));
    assertThat(tenDays.windowAt(at("2024-12-22T00:00:00Z").minusNanos(1)))
        .isEqualTo(window("2024-12-12T00:00:00Z", "2024-12-22T00:00:00Z"));
  }

  @Test
  void an_every_n_days_period_needs_1_to_3660_days_and_an_anchor() {
    LocalDate anchor = LocalDate.parse("2025-01-01");

    assertThatThrownBy(() -> BudgetPeriod.everyDays(0, anchor))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BudgetPeriod.everyDays(3661, anchor))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BudgetPeriod.everyDays(7, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_lifetime_budget_has_one_window_that_never_ends() {
    PeriodWindow window = BudgetPeriod.lifetime().windowAt(at("2025-01-01T00:00:00Z"));

    assertThat(window).isEqualTo(PeriodWindow.LIFETIME);
    assertThat(window.isLifetime()).isTrue();
    assertThat(window.contains(at("1970-01-01T00:00:00Z"))).isTrue();
    assertThat(window.contains(at("2999-01-01T00:00:00Z"))).isTrue();
    assertThat(BudgetPeriod.daily().windowAt(at("2025-01-01T00:00:00Z")).isLifetime()).isFalse();
  }

  @Test
  void a_window_is_half_open_and_must_not_be_empty() {
    PeriodWindow day = window("2025-03-10T00:00:00Z", "2025-03-11T00:00:00Z");

    assertThat(day.contains(day.start())).isTrue();
    assertThat(day.contains(day.end())).isFalse();
    assertThat(day.contains(day.start().minusNanos(1))).isFalse();
    assertThatThrownBy(() -> new PeriodWindow(day.start(), day.start()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
