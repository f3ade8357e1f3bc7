package dev.tollgate.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityConfigTest {

  private static ObservabilitySettings load(Map<String, String> keys) {
    Map<String, String> all = new HashMap<>(keys);
    all.putIfAbsent("tollgate.data-plane.type", "simulated");
    return ConfigLoader.load(Config.just(ConfigSources.create(all)), new Secrets(Map.of()))
        .observability();
  }

  @Test
  void tracing_is_off_and_logs_are_text_with_an_access_line_unless_configured() {
    ObservabilitySettings packaged = ConfigLoader.load(
        Config.builder().sources(ConfigSources.classpath("application.yaml"))
            .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build(),
        new Secrets(Map.of())).observability();

    assertThat(packaged).isEqualTo(ObservabilitySettings.DEFAULTS);
    assertThat(load(Map.of())).isEqualTo(ObservabilitySettings.DEFAULTS);
    assertThat(packaged.tracing().enabled()).isFalse();
    assertThat(packaged.logFormat()).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void every_tracing_and_logging_key_is_read() {
    ObservabilitySettings s = load(Map.of(
        "tollgate.tracing.enabled", "true",
        "tollgate.tracing.endpoint", "https://collector:4318/v1/traces",
        "tollgate.tracing.service-name", "gw-eu",
        "tollgate.tracing.sample-ratio", "0.25",
        "tollgate.tracing.export-interval", "PT1S",
        "tollgate.tracing.max-queue-size", "100",
        "tollgate.logging.format", "JSON",
        "tollgate.logging.access-log", "false"));

    assertThat(s.tracing()).isEqualTo(new TracingSettings(true,
        URI.create("https://collector:4318/v1/traces"), "gw-eu", 0.25, Duration.ofSeconds(1), 100));
    assertThat(s.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(s.accessLog()).isFalse();
  }

  @Test
  void a_bad_value_is_refused_naming_its_key() {
    assertThatThrownBy(() -> load(Map.of("tollgate.logging.format", "xml")))
        .hasMessageContaining("tollgate.logging.format");
    assertThatThrownBy(() -> load(Map.of("tollgate.tracing.endpoint", "grpc://collector:4317")))
        .hasMessageContaining("tollgate.tracing.endpoint");
    assertThatThrownBy(() -> load(Map.of("tollgate.tracing.sample-ratio", "1.5")))
        .hasMessageContaining("tollgate.tracing.sample-ratio");
    assertThatThrownBy(() -> load(Map.of("tollgate.tracing.max-queue-size", "0")))
        .hasMessageContaining("tollgate.tracing.max-queue-size");
  }

  @Test
  void reconciliation_is_off_by_default_and_every_key_is_read() {
    assertThat(load(Map.of()).reconciliation().enabled()).isFalse();
    ReconciliationConfig r = load(Map.of(
        "tollgate.reconciliation.enabled", "true",
        "tollgate.reconciliation.metrics-urls", "http://agw-0:15020/metrics, http://agw-1:15020/metrics",
        "tollgate.reconciliation.interval", "PT10S",
        "tollgate.reconciliation.bucket", "PT1M",
        "tollgate.reconciliation.settle", "PT5S",
        "tollgate.reconciliation.threshold-tokens", "50",
        "tollgate.reconciliation.threshold-percent", "2",
        "tollgate.reconciliation.scrape-timeout", "PT2S",
        "tollgate.reconciliation.metric-names", "gen_ai_client_token_usage")).reconciliation();

    assertThat(r).isEqualTo(new ReconciliationConfig(true,
        java.util.List.of(URI.create("http://agw-0:15020/metrics"),
            URI.create("http://agw-1:15020/metrics")),
        Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofSeconds(5), 50, 2,
        Duration.ofSeconds(2), java.util.List.of("gen_ai_client_token_usage")));
    assertThatThrownBy(() -> load(Map.of("tollgate.reconciliation.enabled", "true")))
        .hasMessageContaining("tollgate.reconciliation.metrics-urls");
    assertThatThrownBy(() -> load(Map.of("tollgate.reconciliation.bucket", "PT10S",
        "tollgate.reconciliation.settle", "PT10S")))
        .hasMessageContaining("tollgate.reconciliation.settle");
  }
}
