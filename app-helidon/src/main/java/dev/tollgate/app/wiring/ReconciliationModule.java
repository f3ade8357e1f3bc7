package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.ReconciliationConfig;
import dev.tollgate.dataplane.http.PrometheusTokenCounters;
import dev.tollgate.dataplane.http.TokenUsageExposition;
import dev.tollgate.domain.reconcile.ReconciliationThreshold;
import dev.tollgate.port.out.Stores;
import dev.tollgate.port.out.reconcile.DataPlaneCounters;
import dev.tollgate.port.out.webhook.WebhookStores;
import dev.tollgate.service.PlatformAlerts;
import dev.tollgate.service.ReconciliationService;
import dev.tollgate.service.ReconciliationSettings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Reconciliation against the data plane's counters (docs/observability.md), when
 * {@code tollgate.reconciliation.enabled}: the data plane's endpoints read with the JDK's HTTP
 * client, the shared state and the ledger in PostgreSQL, mismatches raised as platform webhook
 * events. It refuses to start on the memory store, whose replicas could share nothing.
 */
public final class ReconciliationModule extends AbstractModule {

  private final Closer closer;

  public ReconciliationModule(Closer closer) {
    this.closer = closer;
  }

  @Provides
  @Singleton
  Optional<ReconciliationService> reconciliation(GatewayConfig config,
      Optional<StoresModule.Durable> durable, WebhookStores webhooks, Clock clock,
      RandomGenerator random) {
    ReconciliationConfig rc = config.observability().reconciliation();
    if (!rc.enabled()) {
      return Optional.empty();
    }
    if (durable.isEmpty()) {
      throw new IllegalStateException("tollgate.reconciliation.enabled needs the PostgreSQL store"
          + " (tollgate.store.type: postgres or embedded): replicas claim buckets and keep the"
          + " data plane's last counters there. Turn reconciliation off for the memory store.");
    }
    HttpClient client = closer.register(HttpClient.newBuilder()
        .connectTimeout(rc.scrapeTimeout()).followRedirects(HttpClient.Redirect.NEVER).build());
    TokenUsageExposition exposition = new TokenUsageExposition(rc.families());
    List<DataPlaneCounters> targets = rc.metricsUrls().stream()
        .<DataPlaneCounters>map(u -> new PrometheusTokenCounters(u, exposition, client,
            rc.scrapeTimeout()))
        .toList();
    Stores stores = durable.get().pg().stores();
    return Optional.of(new ReconciliationService(
        new ReconciliationService.Parts(durable.get().pg().reconciliation(), targets,
            stores.ledger(), stores.models(),
            new PlatformAlerts(webhooks.subscriptions(), webhooks.outbox(),
                config.webhooks().enabled())),
        new ReconciliationSettings(rc.bucket(),
            new ReconciliationThreshold(rc.thresholdTokens(), rc.thresholdPercent()),
            rc.settle(), rc.claimFor(), replicaName(random)),
        clock));
  }

  /** The pod's name where there is one (Kubernetes sets HOSTNAME), and a random suffix. */
  private static String replicaName(RandomGenerator random) {
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
        .map(h -> h.length() > 100 ? h.substring(0, 100) : h).orElse("tollgate");
    return host + "-" + HexFormat.of().formatHex(suffix);
  }
}
