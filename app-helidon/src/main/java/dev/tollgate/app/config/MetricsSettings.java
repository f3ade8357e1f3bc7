package dev.tollgate.app.config;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * {@code tollgate.metrics.*} (docs/observability.md).
 *
 * @param requestMetrics record per-request meters (requests, spend, tokens, latencies); off, the
 *     scrape still has the service's status, JVM and budget gauges
 * @param port a separate listener for {@code /metrics} only; empty: served on the main port
 * @param maxSeriesPerMetric the most label combinations one metric keeps; the rest are folded
 *     into one series whose capped labels read {@code other}
 * @param budgetRefresh how often budget gauges are re-read, in one batch, off the request path
 * @param genAiProvider the {@code gen_ai.provider.name} Tollgate reports (its facade speaks the
 *     OpenAI API whatever serves the model behind the data plane)
 */
public record MetricsSettings(
    boolean requestMetrics,
    OptionalInt port,
    int maxSeriesPerMetric,
    Duration budgetRefresh,
    String genAiProvider) {

  // Declared before DEFAULTS: static fields initialize in order, and DEFAULTS is validated.
  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9_.]{1,64}");

  public static final int DEFAULT_MAX_SERIES = 1_000;
  public static final MetricsSettings DEFAULTS =
      new MetricsSettings(true, OptionalInt.empty(), DEFAULT_MAX_SERIES, Duration.ofSeconds(15),
          "openai");

  public MetricsSettings {
    if (port == null || port.orElse(0) < 0 || port.orElse(0) > 65_535) {
      throw new IllegalArgumentException("tollgate.metrics.port must be 0..65535");
    }
    if (maxSeriesPerMetric < 1 || maxSeriesPerMetric > 1_000_000) {
      throw new IllegalArgumentException(
          "tollgate.metrics.max-series-per-metric must be 1..1000000: " + maxSeriesPerMetric);
    }
    if (budgetRefresh == null || budgetRefresh.toMillis() < 100) {
      throw new IllegalArgumentException("tollgate.metrics.budget-refresh must be at least 100 ms");
    }
    if (genAiProvider == null || !PROVIDER.matcher(genAiProvider).matches()) {
      throw new IllegalArgumentException(
          "tollgate.metrics.gen-ai-provider must be lower-case [a-z0-9_.]: " + genAiProvider);
    }
  }

  public MetricsSettings withPort(int p) {
    return new MetricsSettings(requestMetrics, OptionalInt.of(p), maxSeriesPerMetric, budgetRefresh,
        genAiProvider);
  }

  public MetricsSettings withMaxSeriesPerMetric(int max) {
    return new MetricsSettings(requestMetrics, port, max, budgetRefresh, genAiProvider);
  }

  public MetricsSettings withRequestMetrics(boolean on) {
    return new MetricsSettings(on, port, maxSeriesPerMetric, budgetRefresh, genAiProvider);
  }

  public MetricsSettings withBudgetRefresh(Duration every) {
    return new MetricsSettings(requestMetrics, port, maxSeriesPerMetric, every, genAiProvider);
  }
}
