package dev.tollgate.service;

import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.reconcile.BucketReport;
import dev.tollgate.domain.reconcile.BucketStatus;
import dev.tollgate.domain.reconcile.CounterDelta;
import dev.tollgate.domain.reconcile.CounterKey;
import dev.tollgate.domain.reconcile.ModelDifference;
import dev.tollgate.domain.reconcile.TokenCounters;
import dev.tollgate.domain.reconcile.TokenType;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.port.in.ReadReconciliation;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.reconcile.CountersUnavailableException;
import dev.tollgate.port.out.reconcile.DataPlaneCounters;
import dev.tollgate.port.out.reconcile.ReconciliationStore;
import dev.tollgate.port.out.reconcile.ReconciliationStore.Reading;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compares, bucket by bucket, the tokens the ledger recorded per model with what the data plane's
 * own counters grew by over the same span (docs/observability.md, reconciliation): spend served
 * and never recorded shows as the data plane counting more. One replica runs each bucket (it
 * claims it in the shared store); the counters' last reading is shared too, so whichever replica
 * runs the next bucket continues from it.
 */
public final class ReconciliationService implements ReadReconciliation {

  private final ReconciliationStore store;
  private final List<DataPlaneCounters> targets;
  private final SpendLedger ledger;
  private final ModelCatalog models;
  private final PlatformAlerts alerts;
  private final ReconciliationSettings settings;
  private final Clock clock;
  private final AtomicLong scrapes = new AtomicLong();
  private final AtomicLong scrapeFailures = new AtomicLong();

  /** The parts it reads and writes. */
  public record Parts(ReconciliationStore store, List<DataPlaneCounters> targets, SpendLedger ledger,
      ModelCatalog models, PlatformAlerts alerts) {

    public Parts {
      targets = List.copyOf(targets);
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("reconciliation reads at least one data plane");
      }
    }
  }

  public ReconciliationService(Parts parts, ReconciliationSettings settings, Clock clock) {
    this.store = parts.store();
    this.targets = parts.targets();
    this.ledger = parts.ledger();
    this.models = parts.models();
    this.alerts = parts.alerts();
    this.settings = settings;
    this.clock = clock;
  }

  /** Data-plane reads this replica made, and those that failed. */
  public long scrapes() {
    return scrapes.get();
  }

  public long scrapeFailures() {
    return scrapeFailures.get();
  }

  /** The bucket that ended last, aligned to multiples of the bucket size since the epoch. */
  Instant lastEndedBucket(Instant now) {
    long size = settings.bucket().toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size - size);
  }

  /**
   * A bucket this replica claimed and read the counters of, waiting for the ledger to settle. Lost
   * with the process: its claim then lapses and another replica reads the bucket again.
   */
  private record Pending(Instant bucket, Instant from, Instant to, Map<String, Reading> current,
      TokenCounters served, boolean reset) {}

  private Pending pending;

  /**
   * One step: compares the bucket this replica read once the ledger has had {@code settle} to
   * catch up, or else claims the bucket that ended last (unless another replica has) and reads the
   * data plane's counters for it. Answers a report when one was finished. One thread calls it.
   */
  public Optional<BucketReport> runDue() {
    Instant now = clock.instant();
    if (pending != null) {
      if (now.isBefore(pending.to().plus(settings.settle()))) {
        return Optional.empty();
      }
      Pending p = pending;
      pending = null;
      return Optional.of(compare(p));
    }
    Instant bucket = lastEndedBucket(now);
    if (!store.claim(bucket, settings.replica(), now, now.plus(settings.claimFor()))) {
      return Optional.empty();
    }
    Optional<BucketReport> finished = read(bucket);
    if (finished.isEmpty() && settings.settle().isZero()) {
      return runDue();
    }
    return finished;
  }

  /** Reads the counters: a failed or baseline report at once, or a pending comparison. */
  private Optional<BucketReport> read(Instant bucket) {
    Map<String, Reading> previous = new LinkedHashMap<>();
    Map<String, Reading> current = new LinkedHashMap<>();
    for (DataPlaneCounters target : targets) {
      store.lastReading(target.target()).ifPresent(r -> previous.put(target.target(), r));
      scrapes.incrementAndGet();
      try {
        current.put(target.target(), new Reading(target.read(), clock.instant()));
      } catch (CountersUnavailableException e) {
        scrapeFailures.incrementAndGet();
        Instant at = clock.instant();
        BucketReport failed = new BucketReport(bucket, earliest(previous.values(), at), at,
            BucketStatus.FAILED, settings.replica(),
            Optional.of(target.target() + ": " + e.getMessage()), List.of());
        store.finish(failed, Map.of());
        return Optional.of(failed);
      }
    }
    Instant to = earliest(current.values(), clock.instant());
    if (previous.size() < targets.size()) {
      BucketReport baseline = new BucketReport(bucket, to, to, BucketStatus.BASELINE,
          settings.replica(), Optional.empty(), List.of());
      store.finish(baseline, current);
      return Optional.of(baseline);
    }
    TokenCounters served = TokenCounters.NONE;
    boolean reset = false;
    for (String target : current.keySet()) {
      CounterDelta delta = CounterDelta.between(previous.get(target).counters(),
          current.get(target).counters());
      served = served.plus(delta.tokens());
      reset |= delta.reset();
    }
    pending = new Pending(bucket, earliest(previous.values(), to), to, current, served, reset);
    return Optional.empty();
  }

  private BucketReport compare(Pending p) {
    BucketReport report = new BucketReport(p.bucket(), p.from(), p.to(), BucketStatus.COMPARED,
        settings.replica(), Optional.empty(),
        compare(p.served(), recorded(p.from(), p.to()), p.reset()));
    store.finish(report, p.current());
    for (ModelDifference m : report.mismatches()) {
      alerts.raise(WebhookEvent.RECONCILIATION_MISMATCH, m.model(), p.bucket().toString(),
          alertData(report, m), clock.instant());
    }
    return report;
  }

  /** The ledger's tokens per upstream model name (what the data plane calls the model). */
  private Map<String, TokenUsage> recorded(Instant from, Instant to) {
    Map<String, TokenUsage> out = new TreeMap<>();
    if (!from.isBefore(to)) {
      return out;
    }
    SpendQuery all = new SpendQuery(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), from, to);
    for (SpendGroup g : ledger.breakdown(all, SpendGrouping.MODEL)) {
      String upstream = models.find(ModelName.of(g.group())).map(ModelSpec::upstreamName)
          .map(ModelName::value).orElse(g.group());
      out.merge(upstream, g.total().usage(), TokenUsage::plus);
    }
    return out;
  }

  private List<ModelDifference> compare(TokenCounters served, Map<String, TokenUsage> recorded,
      boolean reset) {
    TreeSet<String> names = new TreeSet<>(recorded.keySet());
    served.values().keySet().forEach(k -> names.add(k.model()));
    List<ModelDifference> out = new ArrayList<>(names.size());
    for (String model : names) {
      TokenUsage ledgered = recorded.getOrDefault(model, TokenUsage.NONE);
      out.add(ModelDifference.judge(model,
          ledgered.promptTokens(), served.get(new CounterKey(model, TokenType.INPUT)),
          ledgered.completionTokens(), served.get(new CounterKey(model, TokenType.OUTPUT)),
          reset, settings.threshold()));
    }
    return out;
  }

  private static Instant earliest(Iterable<Reading> readings, Instant otherwise) {
    Instant min = otherwise;
    for (Reading r : readings) {
      if (r.readAt().isBefore(min)) {
        min = r.readAt();
      }
    }
    return min;
  }

  private static Map<String, String> alertData(BucketReport report, ModelDifference m) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("model", m.model());
    data.put("from", report.from().toString());
    data.put("to", report.to().toString());
    data.put("ledger_input_tokens", Long.toString(m.ledgerInput()));
    data.put("data_plane_input_tokens", Long.toString(m.dataPlaneInput()));
    data.put("ledger_output_tokens", Long.toString(m.ledgerOutput()));
    data.put("data_plane_output_tokens", Long.toString(m.dataPlaneOutput()));
    data.put("counter_reset", Boolean.toString(m.lowerBound()));
    return data;
  }

  @Override
  public List<BucketReport> recent(int limit) {
    return store.recent(Math.max(1, Math.min(limit, ReconciliationStore.MAX_REPORTS)));
  }
}
