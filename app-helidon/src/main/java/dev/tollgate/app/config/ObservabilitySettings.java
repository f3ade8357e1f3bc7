package dev.tollgate.app.config;

/**
 * What the service tells its operator beyond metrics: traces ({@code tollgate.tracing.*}), the
 * log format ({@code tollgate.logging.format}) and the access log
 * ({@code tollgate.logging.access-log}: one line per {@code /v1} request, logger
 * {@code tollgate.access}).
 */
public record ObservabilitySettings(
    TracingSettings tracing, LogFormat logFormat, boolean accessLog) {

  public static final ObservabilitySettings DEFAULTS =
      new ObservabilitySettings(TracingSettings.DEFAULTS, LogFormat.TEXT, true);

  public ObservabilitySettings {
    if (tracing == null || logFormat == null) {
      throw new IllegalArgumentException("tracing and log format are required (use DEFAULTS)");
    }
  }

  public ObservabilitySettings withTracing(TracingSettings settings) {
    return new ObservabilitySettings(settings, logFormat, accessLog);
  }

  public ObservabilitySettings withAccessLog(boolean on) {
    return new ObservabilitySettings(tracing, logFormat, on);
  }
}
