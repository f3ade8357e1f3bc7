package dev.tollgate.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The charging rule: reported usage, else an estimate, else nothing for a stream that never began. */
class ChargingRuleTest {

  private static final TokenUsage REPORTED = TokenUsage.of(120, 34);
  private static final LongSupplier NEVER_COUNTED = () -> {
    throw new AssertionError("the output was tokenized although usage was reported");
  };

  @Test
  void an_answer_with_usage_is_charged_as_reported_without_counting_the_output() {
    assertThat(ChargingRule.forAnswer(Optional.of(REPORTED), 100, NEVER_COUNTED))
        .isEqualTo(new Charge.ByUsage(REPORTED, UsageSource.REPORTED));
  }

  @Test
  void an_answer_without_usage_is_charged_the_counted_prompt_and_the_counted_output() {
    assertThat(ChargingRule.forAnswer(Optional.empty(), 100, () -> 7))
        .isEqualTo(new Charge.ByUsage(TokenUsage.of(100, 7), UsageSource.ESTIMATED));
  }

  @Test
  void a_stream_with_usage_is_charged_as_reported_even_if_it_broke_afterwards() {
    assertThat(ChargingRule.forStream(Optional.of(REPORTED), true, 5, 100, NEVER_COUNTED))
        .isEqualTo(new Charge.ByUsage(REPORTED, UsageSource.REPORTED));
  }

  @Test
  void a_stream_the_client_left_is_charged_as_estimated_from_what_was_relayed() {
    assertThat(ChargingRule.forStream(Optional.empty(), false, 3, 100, () -> 12))
        .isEqualTo(new Charge.ByUsage(TokenUsage.of(100, 12), UsageSource.ESTIMATED));
  }

  @Test
  void a_stream_that_broke_after_its_first_event_is_charged_as_estimated() {
    assertThat(ChargingRule.forStream(Optional.empty(), true, 1, 100, () -> 2))
        .isEqualTo(new Charge.ByUsage(TokenUsage.of(100, 2), UsageSource.ESTIMATED));
  }

  @Test
  void a_stream_that_broke_before_any_event_is_charged_nothing() {
    assertThat(ChargingRule.forStream(Optional.empty(), true, 0, 100, NEVER_COUNTED))
        .isInstanceOf(Charge.Nothing.class);
  }

  @Test
  void a_stream_that_ended_cleanly_without_events_or_usage_still_charges_its_prompt() {
    assertThat(ChargingRule.forStream(Optional.empty(), false, 0, 100, () -> 0))
        .isEqualTo(new Charge.ByUsage(TokenUsage.of(100, 0), UsageSource.ESTIMATED));
  }

  @Test
  void a_negative_event_count_is_a_programmer_error() {
    assertThatThrownBy(() -> ChargingRule.forStream(Optional.empty(), false, -1, 1, () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
