package dev.tollgate.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppendResultTest {

  private static final Instant STARTED = Instant.parse("2025-03-10T12:00:00Z");

  private static SpendEntry entry(Money cost, Instant recordedAt) {
    return new SpendEntry(
        RequestId.of("req-1"),
        Owner.tenant(TenantId.of("t1")),
        KeyId.of("k1"),
        ModelName.of("gpt-4o-mini"),
        Optional.of(EndUserId.of("user-7")),
        TokenUsage.of(100, 20),
        UsageSource.REPORTED,
        cost,
        Instant.parse("2025-01-01T00:00:00Z"),
        STARTED,
        recordedAt,
        false);
  }

  @Test
  void the_first_entry_for_a_request_is_appended() {
    assertThat(AppendResult.against(null, entry(Money.usd("0.01"), STARTED.plusSeconds(2))))
        .isEqualTo(AppendResult.APPENDED);
  }

  @Test
  void the_same_event_recorded_again_later_answers_exists() {
    SpendEntry recorded = entry(Money.usd("0.01"), STARTED.plusSeconds(2));
    SpendEntry retried = entry(Money.usd("0.01"), STARTED.plusSeconds(9));

    assertThat(AppendResult.against(recorded, retried)).isEqualTo(AppendResult.EXISTS);
  }

  @Test
  void a_different_event_under_a_recorded_request_is_refused_and_shows_the_recorded_one() {
    SpendEntry recorded = entry(Money.usd("0.01"), STARTED.plusSeconds(2));
    SpendEntry conflicting = entry(Money.usd("0.02"), STARTED.plusSeconds(2));

    assertThat(AppendResult.against(recorded, conflicting))
        .isEqualTo(new AppendResult.ExistsWithDifferentEvent(recorded));
  }

  @Test
  void a_spend_entry_refuses_a_negative_cost_and_missing_fields() {
    assertThatThrownBy(() -> entry(Money.usd("-0.01"), STARTED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> entry(Money.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(entry(Money.ZERO, STARTED).cost()).isEqualTo(Money.ZERO);
  }

  @Test
  void a_request_id_must_be_present_and_bounded() {
    assertThatThrownBy(() -> RequestId.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestId.of("r".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RequestId.of("req-1")).hasToString("req-1");
  }
}
