package dev.tollgate.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterDeltaTest {

  private static final CounterKey IN = new CounterKey("gpt-5", TokenType.INPUT);
  private static final CounterKey OUT = new CounterKey("gpt-5", TokenType.OUTPUT);
  private static final CounterKey NEW = new CounterKey("claude", TokenType.INPUT);

  @Test
  void growingCountersGiveExactlyWhatWasCountedInBetween() {
    CounterDelta d = CounterDelta.between(new TokenCounters(Map.of(IN, 100L, OUT, 50L)),
        new TokenCounters(Map.of(IN, 130L, OUT, 50L, NEW, 7L)));
    assertThat(d.reset()).isFalse();
    assertThat(d.tokens().get(IN)).isEqualTo(30);
    assertThat(d.tokens().get(OUT)).isZero();
    assertThat(d.tokens().get(NEW)).as("a series that appeared counted from zero").isEqualTo(7);
  }

  @Test
  void aCounterThatWentDownIsARestartAndOnlyWhatFollowedItIsKnown() {
    CounterDelta d = CounterDelta.between(new TokenCounters(Map.of(IN, 1000L, OUT, 500L)),
        new TokenCounters(Map.of(IN, 40L)));
    assertThat(d.reset()).isTrue();
    assertThat(d.tokens().get(IN)).as("a lower bound: since the restart").isEqualTo(40);
    assertThat(d.tokens().get(OUT)).as("vanished: nothing known since the restart").isZero();
  }

  @Test
  void aLowerBoundOnlyAlertsWhenTheDataPlaneCountedMoreThanTheLedger() {
    ReconciliationThreshold t = new ReconciliationThreshold(10, 0);
    assertThat(t.exceeded(40, 500, true)).isFalse();
    assertThat(t.exceeded(40, 500, false)).isTrue();
    assertThat(t.exceeded(600, 500, true)).isTrue();
  }

  @Test
  void aDifferenceMustPassBothTheTokenFloorAndThePercentage() {
    ReconciliationThreshold t = new ReconciliationThreshold(100, 5);
    assertThat(t.exceeded(150, 100, false)).as("50 tokens: under the floor").isFalse();
    assertThat(t.exceeded(10_400, 10_000, false)).as("400 of 10,400: under 5 %").isFalse();
    assertThat(t.exceeded(11_000, 10_000, false)).as("1,000 of 11,000: 9 %").isTrue();
    assertThat(t.exceeded(10_000, 11_000, false)).as("the ledger holding more is one too").isTrue();
    ModelDifference m = ModelDifference.judge("gpt-5", 10_000, 10_000, 200, 1_500, false, t);
    assertThat(m.mismatch()).isTrue();
    assertThat(m.outputDifference()).isEqualTo(1_300);
  }
}
