package dev.tollgate.service;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.Alert;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.webhook.WebhookOutbox;
import dev.tollgate.port.out.webhook.WebhookSubscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns what the request path reported ({@link AlertSignal}s, offered without blocking) into
 * alerts, off the request thread: it reads a budget's state at most once per recheck interval,
 * and raises each alert once into the outbox for every subscription of its tenant that wants it
 * (the outbox's unique key makes that once across replicas and restarts too). One thread calls
 * {@link #drain}.
 */
public final class AlertDetector {

  /** Signals judged per {@link #drain}. */
  static final int MAX_BATCH = 1_000;
  /** How long a tenant's subscriptions are trusted before they are read again (other replicas). */
  static final java.time.Duration SUBSCRIPTIONS_FRESH = java.time.Duration.ofSeconds(10);
  /** Deliveries remembered as raised (a restart forgets; the outbox's unique key does not). */
  static final int MAX_REMEMBERED = 50_000;
  /** Chains and scopes whose last report or read is remembered, before starting over. */
  static final int MAX_RECENT = 100_000;

  private final BudgetStore budgets;
  private final WebhookSubscriptions subscriptions;
  private final WebhookOutbox outbox;
  private final AlertSettings settings;
  private final Clock clock;
  private final ArrayBlockingQueue<AlertSignal> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final ConcurrentHashMap<List<Scope>, Instant> recentlyOffered = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<dev.tollgate.domain.key.KeyId, Instant> keysOffered =
      new ConcurrentHashMap<>();
  private final Map<Scope, Instant> recentlyRead = new LinkedHashMap<>();
  private final Map<String, Boolean> raised = bounded(MAX_REMEMBERED);
  private final Map<TenantId, Subscribed> subscribed = new ConcurrentHashMap<>();
  private final RateLimitStreaks streaks;

  /**
   * @param budgets where a budget's state is read: the same store the request path uses (local
   *     state, where there is one), read on this detector's thread only
   */
  public AlertDetector(BudgetStore budgets, WebhookSubscriptions subscriptions, WebhookOutbox outbox,
      AlertSettings settings, Clock clock) {
    this.budgets = budgets;
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.streaks = new RateLimitStreaks(settings.sustainedMinutes());
  }

  public AlertSettings settings() {
    return settings;
  }

  boolean watchesBudgets() {
    return true;
  }

  boolean watchesRateLimits() {
    return true;
  }

  /** Signals dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Never blocks: a full queue drops the signal (the same condition reports again later). */
  void offer(AlertSignal signal) {
    if (signal instanceof AlertSignal.Held held && !held.pastSoftLimit()) {
      // every request reports its budgets; once per chain and recheck interval is enough
      Instant last = recentlyOffered.get(held.chain());
      if (last != null && held.at().isBefore(last.plus(settings.recheckInterval()))) {
        return;
      }
      if (recentlyOffered.size() >= MAX_RECENT) {
        recentlyOffered.clear();
      }
      recentlyOffered.put(held.chain(), held.at());
    }
    if (!queue.offer(signal)) {
      dropped.incrementAndGet();
    }
  }

  /** A key that served a request: reported when it expires within the lead time. */
  public void keyServed(dev.tollgate.domain.key.VirtualKey key, Instant now) {
    if (key.expiresAt().isPresent()
        && key.expiresAt().get().isBefore(now.plus(settings.keyExpiringLead()))) {
      Instant last = keysOffered.get(key.id());
      if (last != null && now.isBefore(last.plus(settings.recheckInterval()))) {
        return; // every request of the key reports it; once per recheck interval is enough
      }
      if (keysOffered.size() >= MAX_RECENT) {
        keysOffered.clear();
      }
      keysOffered.put(key.id(), now);
      offer(new AlertSignal.KeyExpiring(key.owner().tenant(), key.id(), key.alias(),
          key.expiresAt().get(), now));
    }
  }

  /**
   * An administrative change's event, into the outbox on the caller's thread before the change is
   * answered, so that it survives a crash right after (the request path's events are re-reported
   * by the next request while their condition holds; an administrative change happens once). If
   * the outbox cannot be written now, it is queued like any other signal.
   */
  void raiseNow(AlertSignal.KeyBlocked signal) {
    Alert alert = blocked(signal);
    try {
      List<Delivery> rows = subscriptions.list(Optional.of(signal.tenant()), 0,
              WebhookSubscription.MAX_PER_TENANT).stream()
          .filter(s -> s.wants(alert.event()))
          .map(s -> Delivery.of(s, alert, WebhookPayloads.body(s.format(), alert), clock.instant()))
          .toList();
      if (!rows.isEmpty()) {
        outbox.enqueue(rows);
      }
    } catch (StoreUnavailableException e) {
      offer(signal);
    }
  }

  private static Alert blocked(AlertSignal.KeyBlocked b) {
    return new Alert(WebhookEvent.KEY_BLOCKED, b.tenant(), "key:" + b.key().value(),
        b.at().toString(), b.at(), Map.of("key_id", b.key().value(), "blocked_at", b.at().toString()));
  }

  /** Subscriptions changed: read them again before the next alert. */
  public void subscriptionsChanged() {
    subscribed.clear();
  }

  /** Judges what is queued (at most {@link #MAX_BATCH}); answers how many signals it judged. */
  public int drain() {
    List<AlertSignal> batch = new ArrayList<>();
    queue.drainTo(batch, MAX_BATCH);
    Instant now = clock.instant();
    for (AlertSignal signal : batch) {
      try {
        judge(signal, now);
      } catch (StoreUnavailableException e) {
        // the database is away: the condition is reported again by a later request
      }
    }
    return batch.size();
  }

  private void judge(AlertSignal signal, Instant now) {
    if (!wantsAny(signal.tenant())) {
      return;
    }
    switch (signal) {
      case AlertSignal.Held h -> {
        for (Scope scope : h.chain()) {
          if (h.pastSoftLimit() || !readRecently(scope, h.at())) {
            budgets.snapshot(scope, h.at()).ifPresent(s -> budgetState(h.tenant(), s, h.at(), now));
          }
        }
      }
      case AlertSignal.SoftLimitCrossed c ->
          budgets.snapshot(c.scope(), c.at()).ifPresent(s -> budgetState(c.tenant(), s, c.at(), now));
      case AlertSignal.HoldRefused r -> {
        Map<String, String> data = budgetData(r.budget(), r.window());
        data.put("available_usd", r.available().max(Money.ZERO).toPlainUsd());
        raise(new Alert(WebhookEvent.BUDGET_EXHAUSTED, r.tenant(), r.budget().scope().storageKey(),
            periodOf(r.window()), r.at(), data), now);
        periodStarted(r.tenant(), r.budget(), r.window(), r.at(), now);
      }
      case AlertSignal.RateLimited l -> streaks.refused(l.scope(), l.kind(), l.at()).ifPresent(hour ->
          raise(new Alert(WebhookEvent.RATE_LIMIT_SUSTAINED, l.tenant(),
              l.scope().storageKey() + "|" + l.kind().name().toLowerCase(java.util.Locale.ROOT),
              hour.toString(), l.at(), Map.of("scope", l.scope().storageKey(),
                  "kind", l.kind().name().toLowerCase(java.util.Locale.ROOT),
                  "limit", Long.toString(l.limit()),
                  "sustained_minutes", Integer.toString(settings.sustainedMinutes()))), now));
      case AlertSignal.KeyExpiring k -> raise(new Alert(WebhookEvent.KEY_EXPIRING, k.tenant(),
          "key:" + k.key().value(), k.expiresAt().toString(), k.at(),
          Map.of("key_id", k.key().value(), "alias", k.alias(),
              "expires_at", k.expiresAt().toString())), now);
      case AlertSignal.KeyBlocked b -> raise(blocked(b), now);
    }
  }

  /** Whether this scope's state was read within the recheck interval (and notes a read now). */
  private boolean readRecently(Scope scope, Instant at) {
    Instant last = recentlyRead.get(scope);
    if (last != null && at.isBefore(last.plus(settings.recheckInterval()))) {
      return true;
    }
    if (recentlyRead.size() >= MAX_RECENT) {
      recentlyRead.clear();
    }
    recentlyRead.put(scope, at);
    return false;
  }

  private void budgetState(TenantId tenant, BudgetSnapshot s, Instant at, Instant now) {
    Budget b = s.budget();
    periodStarted(tenant, b, s.window(), at, now);
    Map<String, String> data = budgetData(b, s.window());
    data.put("posted_usd", s.posted().toPlainUsd());
    data.put("held_usd", s.held().toPlainUsd());
    data.put("remaining_usd", s.remaining().toPlainUsd());
    String subject = b.scope().storageKey();
    if (b.softLimit().isPresent() && s.posted().isAtLeast(b.softLimit().get())) {
      raise(new Alert(WebhookEvent.BUDGET_SOFT_LIMIT_CROSSED, tenant, subject, periodOf(s.window()),
          at, data), now);
    }
    if (s.posted().isAtLeast(b.limit())) {
      raise(new Alert(WebhookEvent.BUDGET_EXHAUSTED, tenant, subject, periodOf(s.window()), at, data),
          now);
    }
  }

  private void periodStarted(TenantId tenant, Budget b, PeriodWindow window, Instant at, Instant now) {
    if (!window.isLifetime()) {
      raise(new Alert(WebhookEvent.BUDGET_PERIOD_STARTED, tenant, b.scope().storageKey(),
          periodOf(window), at, budgetData(b, window)), now);
    }
  }

  private static Map<String, String> budgetData(Budget b, PeriodWindow window) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("scope", b.scope().storageKey());
    data.put("limit_usd", b.limit().toPlainUsd());
    b.softLimit().ifPresent(soft -> data.put("soft_limit_usd", soft.toPlainUsd()));
    data.put("budget_period", b.period().name());
    if (!window.isLifetime()) {
      data.put("period_start", window.start().toString());
      data.put("period_end", window.end().toString());
    }
    return data;
  }

  private static String periodOf(PeriodWindow window) {
    return window.isLifetime() ? "lifetime" : window.start().toString();
  }

  /** Into the outbox for each subscription that wants it, once (remembered after it is stored). */
  private void raise(Alert alert, Instant now) {
    List<Delivery> rows = subscriptionsOf(alert.tenant()).stream()
        .filter(s -> s.wants(alert.event()))
        .map(s -> Delivery.of(s, alert, WebhookPayloads.body(s.format(), alert), now))
        .filter(d -> !raised.containsKey(d.id().value()))
        .toList();
    if (rows.isEmpty()) {
      return; // raised already, or nobody wants it (yet): judged again if it happens again
    }
    outbox.enqueue(rows);
    rows.forEach(d -> raised.put(d.id().value(), Boolean.TRUE));
  }

  private boolean wantsAny(TenantId tenant) {
    return !subscriptionsOf(tenant).isEmpty();
  }

  private List<WebhookSubscription> subscriptionsOf(TenantId tenant) {
    Instant now = clock.instant();
    Subscribed known = subscribed.get(tenant);
    if (known == null || now.isAfter(known.readAt().plus(SUBSCRIPTIONS_FRESH))) {
      if (subscribed.size() >= MAX_RECENT) {
        subscribed.clear();
      }
      known = new Subscribed(
          subscriptions.list(Optional.of(tenant), 0, WebhookSubscription.MAX_PER_TENANT), now);
      subscribed.put(tenant, known);
    }
    return known.subscriptions();
  }

  private record Subscribed(List<WebhookSubscription> subscriptions, Instant readAt) {}

  /** Oldest first out past {@code max} (insertion order: what was raised longest ago). */
  private static <K> Map<K, Boolean> bounded(int max) {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
        return size() > max;
      }
    };
  }
}
