package dev.tollgate.domain.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.tenancy.NearLimitPolicy.PastSoftBudget;
import dev.tollgate.domain.tenancy.NearLimitPolicy.WhenExhausted;
import org.junit.jupiter.api.Test;

class NearLimitPolicyTest {

  @Test
  void the_default_refuses_and_never_demotes() {
    NearLimitPolicy d = NearLimitPolicy.DEFAULT;
    assertThat(d.clamps()).isFalse();
    assertThat(d.demotes(true)).isFalse();
    assertThat(TenantPolicy.open(TenantId.of("t")).nearLimit()).isEqualTo(d);
  }

  @Test
  void a_demoting_tenant_is_demoted_only_past_its_soft_budget() {
    NearLimitPolicy demote =
        new NearLimitPolicy(WhenExhausted.REFUSE, 64, PastSoftBudget.DEMOTE, "batch-sheddable");
    assertThat(demote.demotes(true)).isTrue();
    assertThat(demote.demotes(false)).isFalse();
  }

  @Test
  void a_tenant_policy_keeps_its_near_limit_policy_when_deactivated() {
    NearLimitPolicy clamp =
        new NearLimitPolicy(WhenExhausted.CLAMP, 16, PastSoftBudget.NONE, "sheddable");
    TenantPolicy policy = TenantPolicy.open(TenantId.of("t")).withNearLimit(clamp);
    assertThat(policy.withActive(false).nearLimit()).isEqualTo(clamp);
  }

  @Test
  void bounds_are_checked() {
    assertThatThrownBy(() -> new NearLimitPolicy(WhenExhausted.CLAMP, 0, PastSoftBudget.NONE, "s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NearLimitPolicy(WhenExhausted.CLAMP, 1, PastSoftBudget.NONE, "a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NearLimitPolicy(WhenExhausted.CLAMP, 1, PastSoftBudget.NONE,
        "o".repeat(NearLimitPolicy.MAX_OBJECTIVE_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
