package dev.tollgate.domain.budget;

import static dev.tollgate.domain.Theories.longsBetween;
import static dev.tollgate.domain.Theories.theory;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class BudgetPeriodPropertyTest {

  @Test
  void every_instant_falls_in_the_window_computed_for_it() {
    theory()
        .forAll(periods(), instants())
        .checkAssert(
            (period, now) -> {
              PeriodWindow window = period.windowAt(now);

              assertThat(window.contains(now)).isTrue();
            });
  }

  @Test
  void windows_tile_time_without_gaps_or_overlaps() {
    theory()
        .forAll(periods(), instants())
        .checkAssert(
            (period, now) -> {
              PeriodWindow window = period.windowAt(now);

              assertThat(period.windowAt(window.start())).isEqualTo(window);
              assertThat(period.windowAt(window.end().minusNanos(1))).isEqualTo(window);
              assertThat(period.windowAt(window.end()).start()).isEqualTo(window.end());
              assertThat(period.windowAt(window.start().minusNanos(1)).end())
                  .isEqualTo(window.start());
            });
  }

  /** Half the calendar periods, half every-N-days periods with any anchor within ±100 years. */
  private static Gen<BudgetPeriod> periods() {
    Gen<BudgetPeriod> calendar =
        Generate.pick(
            List.<BudgetPeriod>of(
                BudgetPeriod.daily(), BudgetPeriod.weekly(), BudgetPeriod.monthly()));
    Gen<BudgetPeriod> everyDays =
        longsBetween(1, 3660)
            .zip(
                longsBetween(-36_500, 36_500),
                (days, d) -> BudgetPeriod.everyDays(days.intValue(), LocalDate.ofEpochDay(d)));
    return calendar.mix(everyDays);
  }

  /** 1900 to 2200, to nanosecond precision. */
  private static Gen<Instant> instants() {
    return longsBetween(-2_208_988_800L, 7_258_118_400L)
        .zip(longsBetween(0, 999_999_999), Instant::ofEpochSecond);
  }
}
