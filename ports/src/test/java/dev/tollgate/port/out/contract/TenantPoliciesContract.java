package dev.tollgate.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.out.TenantPolicies;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link TenantPolicies} does. */
public abstract class TenantPoliciesContract {

  protected abstract TenantPolicies newPolicies();

  private final TenantId tenant = TenantId.of("t-" + UUID.randomUUID());
  private final TenantId other = TenantId.of("t-" + UUID.randomUUID());

  @Test
  void a_policy_is_found_by_its_tenant_and_no_other() {
    TenantPolicies policies = newPolicies();
    TenantPolicy policy = new TenantPolicy(tenant, Set.of(ModelName.of("m1")),
        Map.of("fast", ModelName.of("m1")), Optional.of("batch"), Optional.of("f1"));
    policies.put(policy);

    assertThat(policies.find(tenant)).contains(policy);
    assertThat(policies.find(other)).isEmpty();
  }

  @Test
  void putting_a_policy_again_replaces_it() {
    TenantPolicies policies = newPolicies();
    policies.put(TenantPolicy.open(tenant));
    TenantPolicy narrowed = new TenantPolicy(tenant, Set.of(ModelName.of("m2")), Map.of(),
        Optional.empty(), Optional.of(tenant.value()));
    policies.put(narrowed);

    assertThat(policies.find(tenant)).contains(narrowed);
  }

  @Test
  void the_active_flag_round_trips() {
    TenantPolicies policies = newPolicies();
    TenantPolicy open = TenantPolicy.open(tenant);
    policies.put(open.withActive(false));

    assertThat(policies.find(tenant)).contains(open.withActive(false));
    assertThat(policies.find(tenant).orElseThrow().active()).isFalse();

    policies.put(open);
    assertThat(policies.find(tenant).orElseThrow().active()).isTrue();
    assertThat(policies.find(tenant)).contains(open);
  }

  @Test
  void the_near_limit_policy_round_trips_and_defaults_to_refuse_without_demotion() {
    TenantPolicies policies = newPolicies();
    policies.put(TenantPolicy.open(tenant));
    assertThat(policies.find(tenant).orElseThrow().nearLimit()).isEqualTo(NearLimitPolicy.DEFAULT);

    NearLimitPolicy nearLimit = new NearLimitPolicy(NearLimitPolicy.WhenExhausted.CLAMP, 32,
        NearLimitPolicy.PastSoftBudget.DEMOTE, "batch-sheddable");
    TenantPolicy clamping = TenantPolicy.open(tenant).withNearLimit(nearLimit);
    policies.put(clamping);

    assertThat(policies.find(tenant)).contains(clamping);
    assertThat(policies.find(tenant).orElseThrow().nearLimit()).isEqualTo(nearLimit);
  }

  @Test
  void the_end_user_budgets_flag_round_trips_and_defaults_to_off() {
    TenantPolicies policies = newPolicies();
    policies.put(TenantPolicy.open(tenant));
    assertThat(policies.find(tenant).orElseThrow().endUserBudgets()).isFalse();

    policies.put(TenantPolicy.open(tenant).withEndUserBudgets(true));
    assertThat(policies.find(tenant).orElseThrow().endUserBudgets()).isTrue();
    assertThat(policies.find(tenant).orElseThrow().trustedUserHeaders()).isFalse();
    policies.put(TenantPolicy.open(tenant).withEndUserBudgets(true).withTrustedUserHeaders(true));
    assertThat(policies.find(tenant)).contains(
        TenantPolicy.open(tenant).withEndUserBudgets(true).withTrustedUserHeaders(true));
    assertThat(policies.find(other)).isEmpty();
  }

  @Test
  void the_allowed_tags_and_the_tag_budgets_flag_round_trip_and_default_to_any_and_off() {
    TenantPolicies policies = newPolicies();
    policies.put(TenantPolicy.open(tenant));
    assertThat(policies.find(tenant).orElseThrow().allowedTags()).isEmpty();
    assertThat(policies.find(tenant).orElseThrow().tagBudgets()).isFalse();

    TenantPolicy tagged = TenantPolicy.open(tenant)
        .withAllowedTags(Set.of(Tag.of("team:search"), Tag.of("env=prod")))
        .withTagBudgets(true);
    policies.put(tagged);
    assertThat(policies.find(tenant)).contains(tagged);
    assertThat(policies.find(tenant).orElseThrow().allowsTag(Tag.of("env=prod"))).isTrue();
    assertThat(policies.find(tenant).orElseThrow().allowsTag(Tag.of("env=dev"))).isFalse();
    policies.put(tagged.withAllowedTags(Set.of()));
    assertThat(policies.find(tenant).orElseThrow().allowsTag(Tag.of("env=dev"))).isTrue();
  }
}
