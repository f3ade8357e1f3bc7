package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules the chart ships ({@code deploy/helm/tollgate/files/prometheus-rules.yaml})
 * pass {@code promtool check rules}, and their unit tests ({@code promtool test rules}: budget
 * near exhaustion, degraded, error rate, journal backlog growing) fire as written.
 */
class AlertRulesTest {

  @Test
  void theRulesAreValid() throws Exception {
    Prometheus.Tool check = Prometheus.promtool(
        List.of("check", "rules", Prometheus.RULES.toString()), Optional.empty());
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS");
  }

  @Test
  void theAlertsFireWhenTheirUnitTestsSayTheyShould() throws Exception {
    Prometheus.Tool test = Prometheus.promtool(
        List.of("test", "rules", Prometheus.RULE_TESTS.toString()), Optional.empty());
    assertThat(test.exitCode()).as(test.output()).isZero();
  }
}
