package dev.tollgate.app;

import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.MetricsSettings;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.ServerLimits;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.service.AdmissionSettings;
import dev.tollgate.service.Tollgate;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A real Tollgate server on an ephemeral port, with keys minted straight through the engine. */
final class GatewayHarness implements AutoCloseable {

  static final String MASTER_KEY = "test-master-key";
  static final TenantId ACME = TenantId.of("acme");
  static final TokenPrices SMALL_PRICES =
      new TokenPrices(PricePerMillion.usd("0.10"), PricePerMillion.usd("0.05"),
          PricePerMillion.usd("0.10"), PricePerMillion.usd("0.40"), Optional.empty(), Money.ZERO);

  private static final java.util.concurrent.atomic.AtomicLong ALIASES =
      new java.util.concurrent.atomic.AtomicLong();

  final TollgateServer server;

  private GatewayHarness(TollgateServer server) {
    this.server = server;
  }

  static GatewayHarness simulated(Duration tokenDelay) {
    return start(new GatewayConfig.DataPlaneSettings(
        "simulated", Optional.empty(), Duration.ofSeconds(30), Duration.ZERO, tokenDelay));
  }

  /** A simulated data plane over the given store (durable tests). */
  static GatewayHarness simulated(StoreSettings store) {
    return start(new GatewayConfig.DataPlaneSettings(
        "simulated", Optional.empty(), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO,
        GatewayConfig.EnvoyAiGatewayOptions.DEFAULTS), Optional.empty(), store);
  }

  static GatewayHarness agentgateway(URI base) {
    return agentgateway(base, Optional.empty());
  }

  static GatewayHarness agentgateway(URI base, Optional<String> dataPlaneApiKey) {
    return start(new GatewayConfig.DataPlaneSettings(
        "agentgateway", Optional.of(base), Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO),
        dataPlaneApiKey);
  }

  /** An agentgateway data plane at {@code base}, the configuration changed by {@code edit}. */
  static GatewayHarness agentgateway(URI base, java.util.function.UnaryOperator<GatewayConfig> edit) {
    return start(new GatewayConfig.DataPlaneSettings(
        "agentgateway", Optional.of(base), Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO),
        Optional.empty(), StoreSettings.memory(), ServerLimits.DEFAULTS, MetricsSettings.DEFAULTS,
        dev.tollgate.app.config.ConsoleSettings.DEFAULTS, edit);
  }

  static GatewayHarness envoyAiGateway(URI base) {
    return start(new GatewayConfig.DataPlaneSettings(
        "envoy-aigw", Optional.of(base), Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO));
  }

  private static GatewayHarness start(GatewayConfig.DataPlaneSettings dataPlane) {
    return start(dataPlane, Optional.empty());
  }

  private static GatewayHarness start(
      GatewayConfig.DataPlaneSettings dataPlane, Optional<String> dataPlaneApiKey) {
    return start(dataPlane, dataPlaneApiKey, StoreSettings.memory());
  }

  /** A simulated data plane behind the given connection limits (hostile-client tests). */
  static GatewayHarness simulated(ServerLimits limits) {
    return start(new GatewayConfig.DataPlaneSettings(
        "simulated", Optional.empty(), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO),
        Optional.empty(), StoreSettings.memory(), limits);
  }

  private static GatewayHarness start(GatewayConfig.DataPlaneSettings dataPlane,
      Optional<String> dataPlaneApiKey, StoreSettings store) {
    // A test that closes the server with a call still running waits at most this for it.
    return start(dataPlane, dataPlaneApiKey, store, ServerLimits.DEFAULTS.withDrainTimeout(Duration.ofSeconds(5)));
  }

  /** A simulated data plane (streams at {@code tokenDelay}) with these metrics settings. */
  static GatewayHarness simulated(Duration tokenDelay, MetricsSettings metrics) {
    return start(new GatewayConfig.DataPlaneSettings(
        "simulated", Optional.empty(), Duration.ofSeconds(30), Duration.ZERO, tokenDelay),
        Optional.empty(), StoreSettings.memory(), ServerLimits.DEFAULTS, metrics,
        dev.tollgate.app.config.ConsoleSettings.DEFAULTS);
  }

  /** A simulated data plane with the given web console settings (ConsoleSessionTest). */
  static GatewayHarness simulated(dev.tollgate.app.config.ConsoleSettings console) {
    return start(new GatewayConfig.DataPlaneSettings(
        "simulated", Optional.empty(), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO),
        Optional.empty(), StoreSettings.memory(), ServerLimits.DEFAULTS, MetricsSettings.DEFAULTS,
        console);
  }

  private static GatewayHarness start(GatewayConfig.DataPlaneSettings dataPlane,
      Optional<String> dataPlaneApiKey, StoreSettings store, ServerLimits limits) {
    return start(dataPlane, dataPlaneApiKey, store, limits, MetricsSettings.DEFAULTS,
        dev.tollgate.app.config.ConsoleSettings.DEFAULTS);
  }

  /** A simulated data plane over the given store, the configuration changed by {@code edit}. */
  static GatewayHarness simulated(StoreSettings store,
      java.util.function.UnaryOperator<GatewayConfig> edit) {
    return start(new GatewayConfig.DataPlaneSettings(
        "simulated", Optional.empty(), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO),
        Optional.empty(), store, ServerLimits.DEFAULTS, MetricsSettings.DEFAULTS,
        dev.tollgate.app.config.ConsoleSettings.DEFAULTS, edit);
  }

  /** A simulated data plane with these webhook settings (WebhooksTest). */
  static GatewayHarness simulated(dev.tollgate.app.config.WebhookSettings webhooks) {
    return start(new GatewayConfig.DataPlaneSettings(
        "simulated", Optional.empty(), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO),
        Optional.empty(), StoreSettings.memory(), ServerLimits.DEFAULTS, MetricsSettings.DEFAULTS,
        dev.tollgate.app.config.ConsoleSettings.DEFAULTS, c -> c.withWebhooks(webhooks));
  }

  private static GatewayHarness start(GatewayConfig.DataPlaneSettings dataPlane,
      Optional<String> dataPlaneApiKey, StoreSettings store, ServerLimits limits,
      MetricsSettings metrics, dev.tollgate.app.config.ConsoleSettings console) {
    return start(dataPlane, dataPlaneApiKey, store, limits, metrics, console,
        java.util.function.UnaryOperator.identity());
  }

  private static GatewayHarness start(GatewayConfig.DataPlaneSettings dataPlane,
      Optional<String> dataPlaneApiKey, StoreSettings store, ServerLimits limits,
      MetricsSettings metrics, dev.tollgate.app.config.ConsoleSettings console,
      java.util.function.UnaryOperator<GatewayConfig> edit) {
    List<ModelSpec> models = List.of(
        ModelSpec.of(ModelName.of("sim-small"), 4096),
        ModelSpec.of(ModelName.of("sim-large"), 8192),
        ModelSpec.of(ModelName.of("sim-embed"), 1));
    List<PriceVersion> prices = List.of(
        new PriceVersion(ModelName.of("sim-small"), Instant.EPOCH, SMALL_PRICES),
        new PriceVersion(ModelName.of("sim-large"), Instant.EPOCH,
            TokenPrices.of(PricePerMillion.usd("2.50"), PricePerMillion.usd("10.00"))),
        new PriceVersion(ModelName.of("sim-embed"), Instant.EPOCH,
            TokenPrices.of(PricePerMillion.usd("0.02"), PricePerMillion.FREE)));
    TenantPolicy acme = new TenantPolicy(ACME, Set.of(), Map.of("fast", ModelName.of("sim-small")),
        Optional.of("interactive"), Optional.of("acme"));
    GatewayConfig config = new GatewayConfig(
        new GatewayConfig.Server("127.0.0.1", 0, 256 * 1024, 64L * 1024 * 1024, limits, console),
        dataPlane, AdmissionSettings.DEFAULTS, models, prices, List.of(acme),
        Optional.of(new Secret(MASTER_KEY)), dataPlaneApiKey.map(Secret::new),
        store, Optional.empty()).withMetrics(metrics);
    return new GatewayHarness(TollgateServer.start(edit.apply(config), new Secret(MASTER_KEY)));
  }

  /** One of the running service's parts (its injector's). */
  <T> T get(Class<T> type) {
    return server.get(type);
  }

  Tollgate tollgate() {
    return server.get(Tollgate.class);
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A key of tenant acme with optional key-level budget and limits (null = none). */
  IssuedKey key(Money budget, Long rpm, Long tpm, Integer parallel) {
    IssuedKey issued = tollgate().issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(ACME),
        "t-" + ALIASES.incrementAndGet())); // aliases are unique per tenant
    Scope scope = Scope.key(issued.key().id());
    if (budget != null) {
      tollgate().budgets().setBudget(Budget.of(scope, budget, BudgetPeriod.monthly()));
    }
    if (rpm != null) {
      tollgate().limits().setRateLimit(RateLimit.perMinute(scope, RateKind.REQUESTS, rpm));
    }
    if (tpm != null) {
      tollgate().limits().setRateLimit(RateLimit.perMinute(scope, RateKind.TOKENS, tpm));
    }
    if (parallel != null) {
      tollgate().limits().setParallelLimit(new ParallelLimit(scope, parallel));
    }
    return issued;
  }

  IssuedKey key() {
    return key(null, null, null, null);
  }

  /**
   * Every ledger entry of the key, page by page (a quiet machine answers more than one page's
   * 10,000 calls in an outage test's few seconds of load).
   */
  List<SpendEntry> ledgerOf(IssuedKey key) {
    SpendQuery query =
        SpendQuery.forKey(ACME, key.key().id(), Instant.EPOCH, Instant.now().plusSeconds(60));
    List<SpendEntry> all = new java.util.ArrayList<>();
    for (int page = 0; page < LEDGER_PAGES; page++) {
      List<SpendEntry> entries = tollgate().spend().entries(query, all.size(), LEDGER_PAGE);
      all.addAll(entries);
      if (entries.size() < LEDGER_PAGE) {
        return all;
      }
    }
    throw new AssertionError("more than " + LEDGER_PAGES * LEDGER_PAGE + " ledger entries");
  }

  private static final int LEDGER_PAGE = 10_000;
  private static final int LEDGER_PAGES = 100;

  /** Settlement runs after the response is sent, so a test waits (bounded) for the ledger. */
  List<SpendEntry> awaitLedger(IssuedKey key, int entries) {
    Eventually.await(() -> ledgerOf(key).size() >= entries, entries + " ledger entries");
    return ledgerOf(key);
  }

  Money spentBy(IssuedKey key) {
    return tollgate().spend().total(
        SpendQuery.forKey(ACME, key.key().id(), Instant.EPOCH, Instant.now().plusSeconds(60))).cost();
  }

  @Override
  public void close() {
    server.close();
  }
}
