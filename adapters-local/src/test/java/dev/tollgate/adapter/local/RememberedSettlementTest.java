package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RememberedSettlementTest {

  @Test
  void a_remembered_settlement_is_equal_to_the_one_settled() {
    Random random = new Random(7);
    for (int round = 0; round < 5_000; round++) {
      int scopes = random.nextInt(round % 50 == 0 ? 70 : 5);
      boolean uniform = random.nextInt(4) != 0;
      SettleResult base = result(random);
      List<Settlement.ScopeResult> results = new ArrayList<>();
      for (int i = 0; i < scopes; i++) {
        SettleResult r = uniform ? new SettleResult(base.posted(), base.released(), base.overage(),
            base.holdWasMissing(), random.nextBoolean()) : result(random);
        results.add(new Settlement.ScopeResult(scope(i), r));
      }
      Settlement settled = new Settlement(results);

      assertThat(RememberedSettlement.settlement(RememberedSettlement.of(settled))).isEqualTo(settled);
    }
  }

  @Test
  void the_usual_settlement_is_kept_compact_and_another_as_it_is() {
    SettleResult r = new SettleResult(Money.ofNanoUsd(300), Money.ofNanoUsd(700), Money.ZERO, false, false);
    Settlement usual = new Settlement(List.of(new Settlement.ScopeResult(scope(0), r),
        new Settlement.ScopeResult(scope(1), new SettleResult(r.posted(), r.released(), r.overage(),
            false, true))));
    assertThat(RememberedSettlement.of(usual)).isInstanceOf(RememberedSettlement.class);

    Settlement mixed = new Settlement(List.of(new Settlement.ScopeResult(scope(0), r),
        new Settlement.ScopeResult(scope(1), new SettleResult(r.posted(), Money.ZERO, r.overage(),
            false, false))));
    assertThat(RememberedSettlement.of(mixed)).isSameAs(mixed);
  }

  private static Scope scope(int i) {
    return i % 2 == 0 ? new Scope.Key(KeyId.of("key_" + i)) : new Scope.Tenant(TenantId.of("t" + i));
  }

  private static SettleResult result(Random random) {
    return new SettleResult(Money.ofNanoUsd(random.nextInt(3) * 1_000L),
        Money.ofNanoUsd(random.nextInt(3) * 500L), Money.ofNanoUsd(random.nextInt(2) * 250L),
        random.nextInt(5) == 0, random.nextBoolean());
  }
}
