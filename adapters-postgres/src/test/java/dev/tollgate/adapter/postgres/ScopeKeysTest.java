package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored scope keys read back as the scopes that made them, team scopes with their tenant. */
class ScopeKeysTest {

  @Test
  void everyKindOfScopeReadsBackAsItself() {
    List<Scope> scopes = List.of(
        Scope.tenant(TenantId.of("t1")),
        Scope.team(TenantId.of("t1"), TeamId.of("ml")),
        Scope.key(KeyId.of("k1")),
        Scope.keyModel(KeyId.of("k1"), ModelName.of("llama3:8b")),
        Scope.endUser(TenantId.of("t:1"), EndUserId.of("user:42")));

    for (Scope scope : scopes) {
      assertThat(ScopeKeys.parse(scope.storageKey())).isEqualTo(scope);
    }
  }

  @Test
  void colonsInATenantIdOrTeamIdNeverMoveTheSplit() {
    Scope.Team colons = new Scope.Team(TenantId.of("acme:eu"), TeamId.of("ml:gpu"));
    Scope.Team shifted = new Scope.Team(TenantId.of("acme"), TeamId.of("eu:ml:gpu"));

    assertThat(colons.storageKey()).isEqualTo("team:7:acme:eu:ml:gpu");
    assertThat(ScopeKeys.parse(colons.storageKey())).isEqualTo(colons);
    assertThat(ScopeKeys.parse(shifted.storageKey())).isEqualTo(shifted);
    assertThat(colons.storageKey()).isNotEqualTo(shifted.storageKey());
  }

  @Test
  void twoTenantsTeamsOfTheSameIdAreDifferentScopes() {
    Scope a = Scope.team(TenantId.of("a"), TeamId.of("ml"));
    Scope b = Scope.team(TenantId.of("b"), TeamId.of("ml"));

    assertThat(a.storageKey()).isNotEqualTo(b.storageKey());
    assertThat(ScopeKeys.distinct(List.of(a, b, a))).containsExactly(a, b);
  }
}
