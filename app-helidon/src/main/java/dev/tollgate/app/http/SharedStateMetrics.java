package dev.tollgate.app.http;

import dev.tollgate.adapter.local.SharedStateFailover;

/** The Redis (shared-state redis) lines of {@code /metrics}: outages, local service, replays. */
final class SharedStateMetrics {

  private SharedStateMetrics() {}

  static void append(StringBuilder out, SharedStateFailover f) {
    line(out, "tollgate_redis_degraded", "1 while Redis is unreachable and the local state serves",
        "gauge", f.degradation().isPresent() ? 1 : 0);
    line(out, "tollgate_redis_outages_total", "Redis outages noticed", "counter", f.outages());
    line(out, "tollgate_redis_failed_calls_total",
        "Redis calls that failed or timed out (each answered locally, or a 503 with the switch off)",
        "counter", f.failedCalls());
    line(out, "tollgate_redis_served_locally_total",
        "calls the local state answered because Redis was down", "counter", f.servedLocally());
    line(out, "tollgate_redis_replay_pending",
        "operations owed to Redis, replayed when it answers again", "gauge", f.replayPending());
    line(out, "tollgate_redis_replayed_total", "operations replayed into Redis after an outage",
        "counter", f.replayed());
    line(out, "tollgate_redis_replay_dropped_total",
        "owed operations not replayed (queue full, or refused)", "counter",
        f.replayDropped());
  }

  private static void line(StringBuilder out, String name, String help, String type, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(' ').append(type).append('\n')
        .append(name).append(' ').append(value).append('\n');
  }
}
