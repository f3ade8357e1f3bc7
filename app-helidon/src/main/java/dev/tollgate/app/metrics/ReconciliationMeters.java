package dev.tollgate.app.metrics;

import dev.tollgate.domain.reconcile.BucketReport;
import dev.tollgate.domain.reconcile.ModelDifference;
import dev.tollgate.domain.reconcile.TokenType;
import dev.tollgate.service.ReconciliationService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconciliation's meters (docs/observability.md): the last compared bucket's difference per
 * model and token type (data plane minus ledger), whether it was a mismatch, when that bucket
 * ended, and this replica's scrapes of the data plane and their failures. The gauges show the
 * newest report in the shared store, so every replica shows the same whichever ran the bucket.
 * At most {@code maxModels} models get series of their own; the rest are summed into
 * {@code model="other"}.
 */
public final class ReconciliationMeters {

  static final String OTHER = "other";

  private final MeterRegistry registry;
  private final int maxModels;
  private final Map<String, Series> series = new ConcurrentHashMap<>();
  private final AtomicLong lastComparedSeconds = new AtomicLong();

  /** One model's gauges' values. */
  private record Series(AtomicLong input, AtomicLong output, AtomicLong mismatch) {}

  public ReconciliationMeters(MeterRegistry registry, ReconciliationService service, int maxModels) {
    this.registry = registry;
    this.maxModels = maxModels;
    FunctionCounter.builder("tollgate.reconciliation.scrapes", service,
            ReconciliationService::scrapes)
        .description("reads of the data plane's token counters this replica made").register(registry);
    FunctionCounter.builder("tollgate.reconciliation.scrape.failures", service,
            ReconciliationService::scrapeFailures)
        .description("reads of the data plane's token counters that failed").register(registry);
    Gauge.builder("tollgate.reconciliation.last.compared", lastComparedSeconds, AtomicLong::get)
        .description("end of the last compared bucket (Unix seconds; 0 before the first)")
        .baseUnit("timestamp_seconds").register(registry);
  }

  /** Shows {@code report} (a compared bucket): models missing from it read 0. */
  public void show(BucketReport report) {
    Map<String, long[]> values = new java.util.HashMap<>();
    for (ModelDifference m : report.models()) {
      String model = series.containsKey(m.model()) || series.size() < maxModels ? m.model() : OTHER;
      long[] v = values.computeIfAbsent(model, k -> new long[3]);
      v[0] += m.difference(TokenType.INPUT);
      v[1] += m.difference(TokenType.OUTPUT);
      v[2] = Math.max(v[2], m.mismatch() ? 1 : 0);
    }
    values.keySet().forEach(this::seriesOf);
    series.forEach((model, s) -> {
      long[] v = values.getOrDefault(model, new long[3]);
      s.input().set(v[0]);
      s.output().set(v[1]);
      s.mismatch().set(v[2]);
    });
    lastComparedSeconds.set(report.to().getEpochSecond());
  }

  private Series seriesOf(String model) {
    return series.computeIfAbsent(model, m -> {
      Series s = new Series(new AtomicLong(), new AtomicLong(), new AtomicLong());
      gauge("tollgate.reconciliation.difference.tokens", m, "input", s.input());
      gauge("tollgate.reconciliation.difference.tokens", m, "output", s.output());
      Gauge.builder("tollgate.reconciliation.mismatch", s.mismatch(), AtomicLong::get)
          .description("1 when the last compared bucket's difference for the model is past the"
              + " threshold").tag("model", m).strongReference(true).register(registry);
      return s;
    });
  }

  private void gauge(String name, String model, String type, AtomicLong value) {
    Gauge.builder(name, value, AtomicLong::get)
        .description("the data plane's token count minus the ledger's over the last compared"
            + " bucket (positive: served and not recorded)")
        .tag("model", model).tag("token_type", type).strongReference(true).register(registry);
  }
}
