package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.webhook.WebhookSubscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What traffic alone would miss: a budget whose period starts while nobody uses it, and a key that
 * serves no request in its last days. Every sweep walks the keys of each tenant subscribed to
 * {@code key.expiring} or {@code budget.period_started} and reports to the {@link AlertDetector}
 * what a request would have: a key expiring within the lead time, and the key's, its team's and
 * the tenant's budgets (whose snapshots the detector judges, announcing a period it has not
 * announced). Teams are found through their keys: a team without a key serves no request.
 * Repeating a report is harmless (once per scope and period, by the outbox's unique key), so a
 * sweep that is cut short by its bounds or a full queue is completed by the next one. Call it on
 * the detector's thread.
 */
public final class AlertSweep {

  /** Subscriptions read per sweep (pages of {@link #PAGE}). */
  static final int PAGE = 1000;
  static final int MAX_SUBSCRIPTION_PAGES = 50;
  /** Keys looked at per tenant and sweep. */
  static final int MAX_KEYS_PER_TENANT = 10_000;

  private final AlertDetector detector;
  private final WebhookSubscriptions subscriptions;
  private final KeyStore keys;
  private final Clock clock;

  public AlertSweep(AlertDetector detector, WebhookSubscriptions subscriptions, KeyStore keys,
      Clock clock) {
    this.detector = detector;
    this.subscriptions = subscriptions;
    this.keys = keys;
    this.clock = clock;
  }

  /** One sweep; answers how many keys it looked at. */
  public int sweep() {
    Instant now = clock.instant();
    int looked = 0;
    for (TenantId tenant : subscribedTenants()) {
      detector.offer(new AlertSignal.Held(tenant, List.of(Scope.tenant(tenant)), false, now));
      Set<TeamId> teams = new HashSet<>(); // each team's budget judged once per sweep
      for (int offset = 0; offset < MAX_KEYS_PER_TENANT; offset += KeyStore.MAX_PAGE) {
        List<VirtualKey> page = keys.listByTenant(tenant, Optional.empty(), offset,
            Math.min(KeyStore.MAX_PAGE, MAX_KEYS_PER_TENANT - offset));
        for (VirtualKey k : page) {
          looked++;
          if (!k.blocked() && !k.isExpiredAt(now)) {
            detector.keyServed(k, now);
            detector.offer(new AlertSignal.Held(tenant, List.of(Scope.key(k.id())), false, now));
          }
          k.owner().team().filter(teams::add).ifPresent(team ->
              detector.offer(new AlertSignal.Held(tenant, List.of(Scope.team(tenant, team)), false, now)));
        }
        if (page.size() < KeyStore.MAX_PAGE) {
          break;
        }
      }
    }
    return looked;
  }

  private Set<TenantId> subscribedTenants() {
    Set<TenantId> out = new LinkedHashSet<>();
    for (int page = 0; page < MAX_SUBSCRIPTION_PAGES; page++) {
      List<WebhookSubscription> found = subscriptions.list(Optional.empty(), page * PAGE, PAGE);
      for (WebhookSubscription s : found) {
        if (s.wants(WebhookEvent.KEY_EXPIRING) || s.wants(WebhookEvent.BUDGET_PERIOD_STARTED)) {
          out.add(s.tenant());
        }
      }
      if (found.size() < PAGE) {
        break;
      }
    }
    return out;
  }
}
