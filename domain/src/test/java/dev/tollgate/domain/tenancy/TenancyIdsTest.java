package dev.tollgate.domain.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenancyIdsTest {

  @Test
  void an_id_is_printable_ascii_without_spaces() {
    assertThat(TenantId.of("acme-corp_1")).hasToString("acme-corp_1");
    assertThatThrownBy(() -> TenantId.of("acme corp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TenantId");
    assertThatThrownBy(() -> TeamId.of("tëam")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EndUserId.of("tab\tbed"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_id_is_one_to_128_characters() {
    assertThat(TeamId.of("t".repeat(128)).value()).hasSize(128);
    assertThatThrownBy(() -> TeamId.of("t".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EndUserId.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TenantId.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_owner_is_a_tenant_and_optionally_one_of_its_teams() {
    TenantId tenant = TenantId.of("t1");

    assertThat(Owner.tenant(tenant).team()).isEmpty();
    assertThat(Owner.team(tenant, TeamId.of("tm1")).team()).contains(TeamId.of("tm1"));
    assertThatThrownBy(() -> new Owner(tenant, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Owner(null, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
