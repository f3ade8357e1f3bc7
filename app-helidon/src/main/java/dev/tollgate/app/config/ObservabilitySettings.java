package dev.tollgate.app.config;

/**
 * What the service tells its operator beyond metrics: traces ({@code tollgate.tracing.*}), the
 * log format ({@code tollgate.logging.format}) and the access log
 * ({@code tollgate.logging.access-log}: one line per {@code /v1} request, logger
 * {@code tollgate.access}), and reconciliation against the data plane's counters
 * ({@code tollgate.reconciliation.*}).
 */
public record ObservabilitySettings(
    TracingSettings tracing, LogFormat logFormat, boolean accessLog,
    ReconciliationConfig reconciliation) {

  public static final ObservabilitySettings DEFAULTS =
      new ObservabilitySettings(TracingSettings.DEFAULTS, LogFormat.TEXT, true);

  public ObservabilitySettings {
    if (tracing == null || logFormat == null || reconciliation == null) {
      throw new IllegalArgumentException(
          "tracing, log format and reconciliation are required (use DEFAULTS)");
    }
  }

  /** Without reconciliation (off). */
  public ObservabilitySettings(TracingSettings tracing, LogFormat logFormat, boolean accessLog) {
    this(tracing, logFormat, accessLog, ReconciliationConfig.DEFAULTS);
  }

  public ObservabilitySettings withTracing(TracingSettings settings) {
    return new ObservabilitySettings(settings, logFormat, accessLog, reconciliation);
  }

  public ObservabilitySettings withAccessLog(boolean on) {
    return new ObservabilitySettings(tracing, logFormat, on, reconciliation);
  }

  public ObservabilitySettings withReconciliation(ReconciliationConfig settings) {
    return new ObservabilitySettings(tracing, logFormat, accessLog, settings);
  }
}
