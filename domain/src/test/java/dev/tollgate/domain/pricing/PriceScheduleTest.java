package dev.tollgate.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceScheduleTest {

  private static final ModelName MODEL = ModelName.of("gpt-4o-mini");
  private static final Instant JAN = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant MAR = Instant.parse("2025-03-01T00:00:00Z");
  private static final PriceVersion CHEAP = version(JAN, "0.15");
  private static final PriceVersion DEAR = version(MAR, "0.30");

  private static PriceVersion version(Instant from, String inputUsd) {
    return new PriceVersion(
        MODEL, from, TokenPrices.of(PricePerMillion.usd(inputUsd), PricePerMillion.usd("0.60")));
  }

  @Test
  void a_request_is_priced_with_the_latest_version_not_after_its_start() {
    PriceSchedule schedule = PriceSchedule.of(MODEL, List.of(DEAR, CHEAP));

    assertThat(schedule.inForceAt(Instant.parse("2025-02-15T12:00:00Z"))).contains(CHEAP);
    assertThat(schedule.inForceAt(Instant.parse("2026-01-01T00:00:00Z"))).contains(DEAR);
  }

  @Test
  void a_version_is_in_force_from_its_exact_effective_instant() {
    PriceSchedule schedule = PriceSchedule.of(MODEL, List.of(CHEAP, DEAR));

    assertThat(schedule.inForceAt(MAR)).contains(DEAR);
    assertThat(schedule.inForceAt(MAR.minusNanos(1))).contains(CHEAP);
  }

  @Test
  void before_the_first_version_a_model_has_no_price() {
    PriceSchedule schedule = PriceSchedule.of(MODEL, List.of(CHEAP));

    assertThat(schedule.inForceAt(JAN.minusNanos(1))).isEmpty();
    assertThat(PriceSchedule.of(MODEL, List.of()).inForceAt(JAN)).isEmpty();
  }

  @Test
  void versions_are_kept_in_effective_order_and_cannot_be_edited() {
    PriceSchedule schedule = PriceSchedule.of(MODEL, List.of(DEAR, CHEAP));

    assertThat(schedule.versions()).containsExactly(CHEAP, DEAR);
    assertThatThrownBy(() -> schedule.versions().add(CHEAP))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void two_versions_at_the_same_instant_are_refused() {
    assertThatThrownBy(() -> PriceSchedule.of(MODEL, List.of(CHEAP, version(JAN, "9"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same instant");
  }

  @Test
  void adding_a_version_returns_a_new_schedule_and_refuses_a_duplicate_instant() {
    PriceSchedule before = PriceSchedule.of(MODEL, List.of(CHEAP));

    PriceSchedule after = before.with(DEAR);

    assertThat(after.versions()).containsExactly(CHEAP, DEAR);
    assertThat(before.versions()).containsExactly(CHEAP);
    assertThatThrownBy(() -> after.with(version(MAR, "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_version_of_another_model_is_refused() {
    PriceVersion other =
        new PriceVersion(ModelName.of("other"), JAN, TokenPrices.free());

    assertThatThrownBy(() -> PriceSchedule.of(MODEL, List.of(other)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_model_name_must_be_present_and_bounded() {
    assertThatThrownBy(() -> ModelName.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelName.of(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelName.of("m".repeat(ModelName.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ModelName.of("m".repeat(ModelName.MAX_LENGTH))).isNotNull();
    assertThat(ModelName.of("gpt-4o")).hasToString("gpt-4o");
  }

  @Test
  void a_price_version_requires_model_instant_and_prices() {
    assertThatThrownBy(() -> new PriceVersion(MODEL, null, TokenPrices.free()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
