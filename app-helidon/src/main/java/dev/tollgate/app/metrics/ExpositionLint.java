package dev.tollgate.app.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps the scrape clean for {@code promtool check metrics}: two of Micrometer's process binders'
 * meters break the Prometheus naming rules, a CPU time in an abbreviated unit
 * ({@code process_cpu_time_ns_total}; {@code process_cpu_usage} says the same) and a gauge whose
 * name ends in {@code _count} ({@code system_cpu_count}, renamed {@code system_cpu_logical}).
 */
final class ExpositionLint implements MeterFilter {

  @Override
  public io.micrometer.core.instrument.config.MeterFilterReply accept(Meter.Id id) {
    return id.getName().equals("process.cpu.time")
        ? io.micrometer.core.instrument.config.MeterFilterReply.DENY
        : io.micrometer.core.instrument.config.MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.logical") : id;
  }
}
