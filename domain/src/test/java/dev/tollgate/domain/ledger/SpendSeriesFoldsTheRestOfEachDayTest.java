package dev.tollgate.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpendSeriesFoldsTheRestOfEachDayTest {

  private static final LocalDate D1 = LocalDate.parse("2030-03-13");
  private static final LocalDate D2 = LocalDate.parse("2030-03-14");

  private static SpendTotal nanos(long n) {
    return new SpendTotal(1, Money.ofNanoUsd(n), TokenUsage.of(n % 100, 1));
  }

  private static SpendTotal plus(SpendTotal a, SpendTotal b) {
    return a.plus(b.requests(), b.cost(), b.usage());
  }

  @Test
  void theCostliestGroupsAreDrawnAndTheRestIsOneOtherPerDay() {
    List<SpendCell> cells = List.of(SpendCell.of(D1, "b", nanos(5)), SpendCell.of(D1, "a", nanos(3)),
        SpendCell.of(D1, "c", nanos(1)), SpendCell.of(D2, "c", nanos(9)),
        SpendCell.of(D2, "b", nanos(2)));

    SpendSeries s = SpendSeries.fold(cells, 1);

    assertThat(s.groups()).extracting(SpendGroup::group).containsExactly("a", "b", "c");
    assertThat(s.top()).containsExactly("c"); // 10 nano-USD beats b's 7 and a's 3
    assertThat(s.days()).extracting(SpendSeries.Day::day).containsExactly(D1, D2);
    SpendSeries.Day first = s.days().getFirst();
    assertThat(first.groups()).containsExactly(new SpendGroup("c", nanos(1)));
    assertThat(first.other()).isEqualTo(plus(nanos(5), nanos(3)));
    assertThat(first.total()).isEqualTo(plus(plus(nanos(5), nanos(3)), nanos(1)));
    assertThat(s.total().cost()).isEqualTo(Money.ofNanoUsd(20));
  }

  @Test
  void equalCostsRankByGroupNameAndPreFoldedCellsCountAsOther() {
    List<SpendGroup> groups = List.of(new SpendGroup("y", nanos(4)), new SpendGroup("x", nanos(4)),
        new SpendGroup("z", nanos(1)));
    List<SpendCell> cells = List.of(SpendCell.of(D1, "x", nanos(4)),
        new SpendCell(D1, Optional.empty(), plus(nanos(4), nanos(1))));

    SpendSeries s = SpendSeries.assemble(groups, cells, 1);

    assertThat(s.top()).containsExactly("x");
    assertThat(s.groups()).extracting(SpendGroup::group).containsExactly("x", "y", "z");
    assertThat(s.days().getFirst().other()).isEqualTo(plus(nanos(4), nanos(1)));
    assertThat(s.days().getFirst().total()).isEqualTo(s.total());
  }

  @Test
  void aListingKeepsTheCostliestGroupsAndSumsTheOthersIntoTheSameTotal() {
    List<SpendCell> cells = List.of(SpendCell.of(D1, "b", nanos(5)), SpendCell.of(D1, "a", nanos(3)),
        SpendCell.of(D1, "c", nanos(1)), SpendCell.of(D2, "c", nanos(9)),
        SpendCell.of(D2, "b", nanos(2)));
    SpendSeries whole = SpendSeries.fold(cells, 1);

    SpendSeries cut = whole.listing(2);

    assertThat(cut.groups()).extracting(SpendGroup::group).containsExactly("b", "c");
    assertThat(cut.unlisted()).isEqualTo(nanos(3));
    assertThat(cut.groupsCount()).isEqualTo(3);
    assertThat(cut.total()).isEqualTo(whole.total());
    assertThat(cut.days()).isEqualTo(whole.days());
    assertThat(cut.listing(1).unlisted()).isEqualTo(plus(nanos(3), plus(nanos(5), nanos(2))));
    assertThat(whole.listing(3)).isSameAs(whole);
    assertThatThrownBy(() -> whole.listing(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTopOutsideItsBoundIsAProgrammerError() {
    assertThatThrownBy(() -> SpendSeries.fold(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpendSeries.fold(List.of(), SpendSeries.MAX_TOP + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
