package dev.tollgate.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopeTest {

  @Test
  void aRequestCountsAgainstItsTenantTeamKeyAndKeyModelBroadestFirst() {
    TenantId t = TenantId.of("t1");
    KeyId k = KeyId.of("k1");
    ModelName m = ModelName.of("llama3:8b");

    assertThat(Scope.chainOf(Owner.team(t, TeamId.of("ml")), k, m)).containsExactly(
        Scope.tenant(t), Scope.team(t, TeamId.of("ml")), Scope.key(k), Scope.keyModel(k, m));
    assertThat(Scope.chainOf(Owner.tenant(t), k, m)).containsExactly(
        Scope.tenant(t), Scope.key(k), Scope.keyModel(k, m));
  }

  @Test
  void aRequestNamingAnEndUserAlsoCountsAgainstThatEndUserOfItsTenantLast() {
    TenantId t = TenantId.of("t1");
    KeyId k = KeyId.of("k1");
    ModelName m = ModelName.of("m");
    EndUserId alice = EndUserId.of("alice");

    assertThat(Scope.chainOf(Owner.tenant(t), k, m, Optional.of(alice))).containsExactly(
        Scope.tenant(t), Scope.key(k), Scope.keyModel(k, m), Scope.endUser(t, alice));
    assertThat(Scope.chainOf(Owner.tenant(t), k, m, Optional.empty()))
        .isEqualTo(Scope.chainOf(Owner.tenant(t), k, m));
  }

  @Test
  void twoTenantsEndUsersWithTheSameNameAreDifferentScopes() {
    assertThat(Scope.endUser(TenantId.of("a:b"), EndUserId.of("c")).storageKey())
        .isNotEqualTo(Scope.endUser(TenantId.of("a"), EndUserId.of("b:c")).storageKey())
        .isEqualTo("end-user:3:a:b:c");
  }

  @Test
  void twoTenantsTeamsWithTheSameIdAreDifferentScopes() {
    assertThat(Scope.team(TenantId.of("a"), TeamId.of("ml")).storageKey())
        .isNotEqualTo(Scope.team(TenantId.of("b"), TeamId.of("ml")).storageKey());
  }

  @Test
  void each_scope_has_a_distinct_stable_storage_key() {
    assertThat(Scope.tenant(TenantId.of("t1")).storageKey()).isEqualTo("tenant:t1");
    assertThat(Scope.team(TenantId.of("t1"), TeamId.of("tm1")).storageKey()).isEqualTo("team:2:t1:tm1");
    assertThat(Scope.key(KeyId.of("k1")).storageKey()).isEqualTo("key:k1");
    assertThat(Scope.keyModel(KeyId.of("k1"), ModelName.of("gpt-4o")).storageKey())
        .isEqualTo("key-model:2:k1:gpt-4o");
  }

  @Test
  void a_tenant_and_a_team_with_the_same_name_are_different_scopes() {
    assertThat(Scope.tenant(TenantId.of("x")).storageKey())
        .isNotEqualTo(Scope.team(TenantId.of("t"), TeamId.of("x")).storageKey());
  }

  @Test
  void model_names_with_colons_do_not_make_key_model_scopes_collide() {
    Scope a = Scope.keyModel(KeyId.of("k1:llama3"), ModelName.of("8b"));
    Scope b = Scope.keyModel(KeyId.of("k1"), ModelName.of("llama3:8b"));

    assertThat(a.storageKey()).isNotEqualTo(b.storageKey());
  }
}
