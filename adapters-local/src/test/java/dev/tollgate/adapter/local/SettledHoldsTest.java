package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SettledHoldsTest {

  @Test
  void a_remembered_settlement_is_equal_to_the_one_settled() {
    Random random = new Random(7);
    SettledHolds holds = new SettledHolds(10_000);
    Map<HoldId, Settlement> settled = new HashMap<>();
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
      HoldId hold = HoldId.of("req:req_0123456789abcdef_" + Integer.toHexString(round));
      holds.put(hold, new Settlement(results));
      settled.put(hold, new Settlement(results));
    }

    settled.forEach((hold, settlement) -> assertThat(holds.get(hold)).isEqualTo(settlement));
  }

  @Test
  void it_remembers_the_newest_settlements_in_order_as_a_bounded_map_would() {
    Random random = new Random(11);
    int capacity = 3_000; // past the first allocation, so the slots grow twice while in use
    SettledHolds holds = new SettledHolds(capacity);
    Map<HoldId, Settlement> model = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<HoldId, Settlement> eldest) {
        return size() > capacity;
      }
    };
    List<HoldId> seen = new ArrayList<>();
    for (int step = 0; step < 40_000; step++) {
      HoldId hold = random.nextInt(5) == 0 && !seen.isEmpty()
          ? seen.get(random.nextInt(seen.size())) // again: a recent one or a forgotten one
          : id(random, seen.size());
      if (random.nextInt(3) == 0) {
        assertThat(holds.get(hold)).isEqualTo(model.get(hold));
        assertThat(holds.contains(hold)).isEqualTo(model.containsKey(hold));
      } else {
        Settlement s = settlement(random);
        holds.put(hold, s);
        model.put(hold, s);
        seen.add(hold);
      }
      assertThat(holds.size()).isEqualTo(model.size());
    }
    for (HoldId hold : seen) {
      assertThat(holds.get(hold)).isEqualTo(model.get(hold));
    }
  }

  @Test
  void two_ids_with_one_hash_are_told_apart_by_the_whole_id() {
    long seed = 42;
    Map<Integer, String> byHash = new HashMap<>();
    String first = null;
    String second = null;
    for (long i = 0; second == null; i++) {
      String id = "req:req_00000000000000aa_" + Long.toHexString(i);
      String earlier = byHash.putIfAbsent(SettledHolds.hash(seed, id), id);
      if (earlier != null) {
        first = earlier;
        second = id;
      }
    }
    SettledHolds holds = new SettledHolds(10, seed);
    Settlement one = settlement(new Random(1));
    Settlement two = settlement(new Random(2));

    holds.put(HoldId.of(first), one);

    assertThat(holds.get(HoldId.of(second))).isNull();
    holds.put(HoldId.of(second), two);
    assertThat(holds.get(HoldId.of(first))).isEqualTo(one);
    assertThat(holds.get(HoldId.of(second))).isEqualTo(two);
    assertThat(holds.size()).isEqualTo(2);
  }

  @Test
  void ids_that_do_not_fit_in_place_are_kept_whole() {
    SettledHolds holds = new SettledHolds(100);
    String wide = "x".repeat(SettledHolds.ID_WIDTH);
    HoldId fits = HoldId.of(wide);
    HoldId longer = HoldId.of(wide + "y");
    HoldId longerStill = HoldId.of(wide + "z");
    HoldId nonLatin = HoldId.of("req:\u0100");
    HoldId latinLookalike = HoldId.of("req:\u0000");
    Settlement a = settlement(new Random(3));
    Settlement b = settlement(new Random(4));
    Settlement c = settlement(new Random(5));

    holds.put(fits, a);
    holds.put(longer, b);
    holds.put(nonLatin, c);

    assertThat(holds.get(fits)).isEqualTo(a);
    assertThat(holds.get(longer)).isEqualTo(b);
    assertThat(holds.get(longerStill)).isNull();
    assertThat(holds.get(nonLatin)).isEqualTo(c);
    assertThat(holds.get(latinLookalike)).isNull();
  }

  @Test
  void a_book_of_no_capacity_remembers_nothing() {
    SettledHolds holds = new SettledHolds(0);
    holds.put(HoldId.of("req:1"), settlement(new Random(6)));
    assertThat(holds.get(HoldId.of("req:1"))).isNull();
    assertThat(holds.size()).isZero();
  }

  private static HoldId id(Random random, int n) {
    return switch (random.nextInt(10)) {
      case 0 -> HoldId.of("embedded-caller-" + "q".repeat(SettledHolds.ID_WIDTH) + n);
      case 1 -> HoldId.of("req:\u00e9\u4e2d" + n);
      default -> HoldId.of("req:req_0123456789abcdef_" + Integer.toHexString(n));
    };
  }

  private static Settlement settlement(Random random) {
    int scopes = random.nextInt(4);
    SettleResult base = result(random);
    boolean uniform = random.nextInt(5) != 0;
    List<Settlement.ScopeResult> results = new ArrayList<>();
    for (int i = 0; i < scopes; i++) {
      results.add(new Settlement.ScopeResult(scope(i), uniform ? new SettleResult(base.posted(),
          base.released(), base.overage(), base.holdWasMissing(), random.nextBoolean())
          : result(random)));
    }
    return new Settlement(results);
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
