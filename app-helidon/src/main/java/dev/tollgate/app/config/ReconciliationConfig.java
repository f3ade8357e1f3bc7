package dev.tollgate.app.config;

import dev.tollgate.dataplane.http.TokenUsageExposition;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Reconciliation of the ledger against the data plane's own token counters
 * ({@code tollgate.reconciliation.*}, docs/observability.md). Off by default; on, it needs a
 * durable store (the buckets are claimed and the counters' readings kept in PostgreSQL).
 *
 * @param metricsUrls the data plane's Prometheus endpoints, one per instance (all are summed)
 * @param interval how often a replica looks whether a bucket is due
 * @param bucket the span compared at a time (aligned to multiples of it)
 * @param settle how long after the counters are read the ledger is read (settlement and the
 *     journal's forwarding of the last requests); shorter than a bucket
 * @param thresholdTokens a difference at most this many tokens is never a mismatch
 * @param thresholdPercent nor one at most this percentage of the larger count
 * @param scrapeTimeout one read of one endpoint, connecting included
 * @param families the token-usage histogram names looked for, in order (the first present is read)
 */
public record ReconciliationConfig(boolean enabled, List<URI> metricsUrls, Duration interval,
    Duration bucket, Duration settle, long thresholdTokens, int thresholdPercent, Duration scrapeTimeout,
    List<String> families) {

  public static final int MAX_TARGETS = 64;

  public static final ReconciliationConfig DEFAULTS = new ReconciliationConfig(false, List.of(),
      Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30), 1000, 5, Duration.ofSeconds(5),
      TokenUsageExposition.DEFAULT_FAMILIES);

  public ReconciliationConfig {
    metricsUrls = List.copyOf(metricsUrls);
    families = List.copyOf(families);
    if (enabled && metricsUrls.isEmpty()) {
      throw new IllegalArgumentException("tollgate.reconciliation.metrics-urls names at least one"
          + " data-plane metrics endpoint (e.g. http://agentgateway:15020/metrics)");
    }
    if (metricsUrls.size() > MAX_TARGETS) {
      throw new IllegalArgumentException("tollgate.reconciliation.metrics-urls: at most "
          + MAX_TARGETS);
    }
    for (URI u : metricsUrls) {
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException("tollgate.reconciliation.metrics-urls: not an http(s)"
            + " URL: " + u);
      }
    }
    if (interval == null || interval.compareTo(Duration.ofMillis(100)) < 0
        || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("tollgate.reconciliation.interval must be 100ms..1 hour");
    }
    if (bucket == null || bucket.compareTo(Duration.ofSeconds(1)) < 0
        || bucket.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("tollgate.reconciliation.bucket must be 1s..1 day");
    }
    if (settle == null || settle.isNegative() || settle.compareTo(bucket) >= 0) {
      throw new IllegalArgumentException("tollgate.reconciliation.settle must be >= 0 and shorter"
          + " than the bucket");
    }
    if (thresholdTokens < 0 || thresholdPercent < 0 || thresholdPercent > 100) {
      throw new IllegalArgumentException("tollgate.reconciliation.threshold-tokens must be >= 0"
          + " and threshold-percent 0..100");
    }
    if (scrapeTimeout == null || scrapeTimeout.compareTo(Duration.ofMillis(100)) < 0
        || scrapeTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("tollgate.reconciliation.scrape-timeout must be"
          + " 100ms..1 minute");
    }
    if (families.isEmpty()) {
      throw new IllegalArgumentException("tollgate.reconciliation.metric-names names at least one");
    }
  }

  /** How long a replica's claim on a bucket holds: past every scrape, then another may run it. */
  public Duration claimFor() {
    return scrapeTimeout.multipliedBy(metricsUrls.size() + 1L).plus(settle).plus(interval)
        .plusSeconds(30);
  }
}
