package dev.tollgate.app.config;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.service.AdmissionSettings;
import io.helidon.config.Config;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code tollgate.*} from Helidon config (application.yaml, then environment variables such
 * as {@code TOLLGATE_SERVER_PORT}, then system properties) into a validated {@link GatewayConfig}.
 * Any invalid value fails the start with the key that is wrong.
 */
public final class ConfigLoader {

  /** The salt key's variable (or {@code TOLLGATE_SALT_KEY_FILE}); see docs/secrets.md. */
  public static final String SALT_KEY = "TOLLGATE_SALT_KEY";

  private ConfigLoader() {}

  public static GatewayConfig load(Config root, Secrets secrets) {
    Config t = root.get("tollgate");
    List<ModelSpec> models = new ArrayList<>();
    List<PriceVersion> prices = new ArrayList<>();
    for (Config m : t.get("models").asNodeList().orElse(List.of())) {
      ModelSpec spec = model(m);
      models.add(spec);
      prices.add(price(spec.name(), m.get("price")));
    }
    return new GatewayConfig(
        server(t.get("server")),
        dataPlane(t.get("data-plane")),
        new AdmissionSettings(
            duration(t.get("admission.hold-ttl"), Duration.ofMinutes(15)),
            duration(t.get("admission.slot-ttl"), Duration.ofMinutes(15)),
            t.get("admission.max-choices").asInt().orElse(AdmissionSettings.DEFAULT_MAX_CHOICES)),
        models,
        prices,
        t.get("tenants").asNodeList().orElse(List.of()).stream().map(ConfigLoader::tenant).toList(),
        secrets.read("TOLLGATE_MASTER_KEY"),
        secrets.read("TOLLGATE_DATA_PLANE_API_KEY"),
        store(t.get("store")).withSharedState(sharedState(t, secrets)),
        secrets.read("TOLLGATE_DATABASE_PASSWORD"),
        secrets.read(SALT_KEY),
        metrics(t.get("metrics")),
        webhooks(t.get("webhooks")),
        new ObservabilitySettings(tracing(t.get("tracing")),
            LogFormat.of(t.get("logging.format").asString().orElse("text")),
            t.get("logging.access-log").asBoolean().orElse(true),
            reconciliation(t.get("reconciliation"))));
  }

  private static WebhookSettings webhooks(Config c) {
    WebhookSettings d = WebhookSettings.DEFAULTS;
    dev.tollgate.service.AlertSettings a = d.alerts();
    return new WebhookSettings(
        c.get("enabled").asBoolean().orElse(d.enabled()),
        new dev.tollgate.domain.webhook.RetryPolicy(
            c.get("max-attempts").asInt().orElse(d.retry().maxAttempts()),
            duration(c.get("retry-base"), d.retry().baseDelay()),
            duration(c.get("retry-max"), d.retry().maxDelay())),
        duration(c.get("timeout"), d.timeout()),
        duration(c.get("poll-interval"), d.pollInterval()),
        new dev.tollgate.service.AlertSettings(
            duration(c.get("key-expiring-lead"), a.keyExpiringLead()),
            c.get("rate-limit-sustained-minutes").asInt().orElse(a.sustainedMinutes()),
            a.recheckInterval(), a.queueCapacity()),
        duration(c.get("sweep-interval"), d.sweepInterval()));
  }

  private static ReconciliationConfig reconciliation(Config c) {
    ReconciliationConfig d = ReconciliationConfig.DEFAULTS;
    return new ReconciliationConfig(
        c.get("enabled").asBoolean().orElse(d.enabled()),
        listOrCommas(c.get("metrics-urls")).stream().map(String::strip)
            .filter(u -> !u.isEmpty()).map(java.net.URI::create).toList(),
        duration(c.get("interval"), d.interval()),
        duration(c.get("bucket"), d.bucket()),
        duration(c.get("settle"), d.settle()),
        c.get("threshold-tokens").asLong().orElse(d.thresholdTokens()),
        c.get("threshold-percent").asInt().orElse(d.thresholdPercent()),
        duration(c.get("scrape-timeout"), d.scrapeTimeout()),
        c.get("metric-names").exists() ? listOrCommas(c.get("metric-names")) : d.families());
  }

  /**
   * A YAML list, or one comma-separated string (how an environment variable gives a list; it wins
   * over a packaged list, which Helidon keeps beside it on the node).
   */
  private static List<String> listOrCommas(Config c) {
    if (c.hasValue()) {
      return c.asString().map(s -> java.util.Arrays.stream(s.split(","))
          .map(String::strip).filter(v -> !v.isEmpty()).toList()).orElse(List.of());
    }
    return c.asList(String.class).orElse(List.of());
  }

  private static TracingSettings tracing(Config c) {
    TracingSettings d = TracingSettings.DEFAULTS;
    return new TracingSettings(
        c.get("enabled").asBoolean().orElse(d.enabled()),
        c.get("endpoint").asString().map(java.net.URI::create).orElse(d.endpoint()),
        c.get("service-name").asString().orElse(d.serviceName()),
        c.get("sample-ratio").asDouble().orElse(d.sampleRatio()),
        duration(c.get("export-interval"), d.exportInterval()),
        c.get("max-queue-size").asInt().orElse(d.maxQueueSize()));
  }

  private static MetricsSettings metrics(Config c) {
    MetricsSettings d = MetricsSettings.DEFAULTS;
    return new MetricsSettings(
        c.get("request-metrics").asBoolean().orElse(d.requestMetrics()),
        c.get("port").asInt().map(java.util.OptionalInt::of).orElse(d.port()),
        c.get("max-series-per-metric").asInt().orElse(d.maxSeriesPerMetric()),
        duration(c.get("budget-refresh"), d.budgetRefresh()),
        c.get("gen-ai-provider").asString().orElse(d.genAiProvider()));
  }

  private static StoreSettings store(Config c) {
    return new StoreSettings(
        c.get("type").asString().orElse("embedded"),
        c.get("jdbc-url").asString().asOptional(),
        c.get("schema").asString().orElse("tollgate"),
        c.get("migrate-at-start").asBoolean().orElse(true),
        java.nio.file.Path.of(c.get("data-directory").asString().orElse(".tollgate/pgdata")),
        java.nio.file.Path.of(c.get("journal-directory").asString().orElse(".tollgate/journal")),
        c.get("pool-size").asInt().orElse(10),
        c.get("allow-requests-on-db-unavailable").asBoolean().orElse(true),
        duration(c.get("statement-timeout"), StoreSettings.DEFAULT_STATEMENT_TIMEOUT),
        duration(c.get("connection-timeout"), StoreSettings.DEFAULT_CONNECTION_TIMEOUT));
  }

  /** {@code tollgate.shared-state} and {@code tollgate.redis.*}. */
  private static SharedStateSettings sharedState(Config t, Secrets secrets) {
    SharedStateSettings defaults = SharedStateSettings.DEFAULT;
    return new SharedStateSettings(
        t.get("shared-state").asString().orElse(defaults.mode()),
        t.get("redis.url").asString().asOptional(),
        t.get("redis.key-prefix").asString().orElse(defaults.redisKeyPrefix()),
        duration(t.get("redis.command-timeout"), defaults.redisCommandTimeout()),
        secrets.read("TOLLGATE_REDIS_PASSWORD"),
        duration(t.get("redis.connect-timeout"), defaults.redisConnectTimeout()),
        duration(t.get("redis.hand-over"), defaults.redisHandOver()));
  }

  private static GatewayConfig.Server server(Config c) {
    return new GatewayConfig.Server(
        c.get("host").asString().orElse("127.0.0.1"),
        c.get("port").asInt().orElse(8080),
        c.get("max-body-bytes").asLong().orElse(4L * 1024 * 1024),
        c.get("max-response-bytes").asLong().orElse(64L * 1024 * 1024),
        limits(c), console(c.root().get("tollgate.console")),
        c.get("session-headers").exists() ? listOrCommas(c.get("session-headers"))
            : GatewayConfig.Server.DEFAULT_SESSION_HEADERS,
        cors(c.get("cors")));
  }

  private static CorsSettings cors(Config c) {
    return new CorsSettings(listOrCommas(c.get("allowed-origins")),
        duration(c.get("max-age"), CorsSettings.NONE.maxAge()));
  }

  private static ConsoleSettings console(Config c) {
    ConsoleSettings d = ConsoleSettings.DEFAULTS;
    return new ConsoleSettings(c.get("enabled").asBoolean().orElse(d.enabled()),
        duration(c.get("session-ttl"), d.sessionTtl()),
        c.get("secure-cookie").asString().orElse(d.secureCookie()));
  }

  private static ServerLimits limits(Config c) {
    ServerLimits d = ServerLimits.DEFAULTS;
    return new ServerLimits(
        c.get("max-connections").asInt().orElse(d.maxConnections()),
        duration(c.get("idle-timeout"), d.idleTimeout()),
        duration(c.get("header-timeout"), d.headerTimeout()),
        duration(c.get("body-timeout"), d.bodyTimeout()),
        c.get("max-tokenized-chars").asInt().orElse(d.maxTokenizedChars()),
        c.get("max-buffered-body-bytes").asLong().orElse(d.maxBufferedBodyBytes()),
        duration(c.get("buffer-wait"), d.bufferWait()),
        duration(c.get("drain-timeout"), d.drainTimeout()));
  }

  private static GatewayConfig.DataPlaneSettings dataPlane(Config c) {
    return new GatewayConfig.DataPlaneSettings(
        c.get("type").asString().orElse("simulated"),
        c.get("base-url").asString().map(URI::create),
        duration(c.get("timeout"), Duration.ofSeconds(120)),
        Duration.ofMillis(c.get("simulator.first-byte-ms").asLong().orElse(0L)),
        Duration.ofMillis(c.get("simulator.token-ms").asLong().orElse(0L)),
        envoyAiGateway(c.get("envoy-aigw")));
  }

  private static GatewayConfig.EnvoyAiGatewayOptions envoyAiGateway(Config c) {
    GatewayConfig.EnvoyAiGatewayOptions defaults = GatewayConfig.EnvoyAiGatewayOptions.DEFAULTS;
    return new GatewayConfig.EnvoyAiGatewayOptions(
        c.get("tenant-header").asString().map(h -> h.toLowerCase(Locale.ROOT))
            .orElse(defaults.tenantHeader()),
        c.get("send-model-header").asBoolean().orElse(defaults.sendModelHeader()));
  }

  private static ModelSpec model(Config m) {
    ModelName name = ModelName.of(required(m, "name"));
    ModelName upstream = m.get("upstream").asString().map(ModelName::of).orElse(name);
    return new ModelSpec(name, upstream, m.get("max-output-tokens").asLong().orElse(4096L));
  }

  private static PriceVersion price(ModelName model, Config p) {
    if (!p.exists()) {
      throw new IllegalArgumentException("tollgate.models[" + model + "].price is required");
    }
    Optional<Money> audio = p.get("audio-per-second").asString().asOptional().map(Money::usd);
    if (audio.isPresent() && audio.get().isNegative()) {
      throw new IllegalArgumentException("price.audio-per-second must not be negative");
    }
    // A transcription model priced by the second of audio needs no token prices.
    PricePerMillion input = audio.isPresent()
        ? optionalPerMillion(p, "input").orElse(PricePerMillion.FREE) : perMillion(p, "input");
    PricePerMillion output = audio.isPresent()
        ? optionalPerMillion(p, "output").orElse(PricePerMillion.FREE) : perMillion(p, "output");
    PricePerMillion cacheWrite = optionalPerMillion(p, "cache-write-input").orElse(input);
    TokenPrices prices =
        new TokenPrices(
            input,
            optionalPerMillion(p, "cached-input").orElse(input),
            cacheWrite,
            output,
            optionalPerMillion(p, "reasoning"),
            p.get("request-fee").asString().map(Money::usd).orElse(Money.ZERO),
            optionalPerMillion(p, "cache-write-1h-input").orElse(cacheWrite))
            .withAudioPerSecond(audio.orElse(Money.ZERO));
    Instant from = p.get("effective-from").asString().map(Instant::parse).orElse(Instant.EPOCH);
    return new PriceVersion(model, from, prices);
  }

  private static TenantPolicy tenant(Config c) {
    TenantId id = TenantId.of(required(c, "id"));
    Set<ModelName> allowed = new HashSet<>();
    c.get("models").asList(String.class).orElse(List.of()).forEach(m -> allowed.add(ModelName.of(m)));
    Map<String, ModelName> aliases = new HashMap<>();
    c.get("aliases").detach().asMap().orElse(Map.of())
        .forEach((alias, target) -> aliases.put(alias, ModelName.of(target)));
    return new TenantPolicy(
        id,
        allowed,
        aliases,
        c.get("objective").asString().asOptional(),
        Optional.of(c.get("fairness-id").asString().orElse(id.value())),
        true,
        nearLimit(c)).withTrustedUserHeaders(c.get("trusted-user-headers").asBoolean().orElse(false))
        .withAllowedTags(Set.copyOf(c.get("allowed-tags").asList(String.class).orElse(List.of())
            .stream().map(Tag::of).toList()));
  }

  /** A configured tenant's policies near the limit; absent keys keep the defaults. */
  private static NearLimitPolicy nearLimit(Config c) {
    NearLimitPolicy d = NearLimitPolicy.DEFAULT;
    return new NearLimitPolicy(
        choice(c.get("budget-exhausted"), NearLimitPolicy.WhenExhausted.class, d.whenExhausted()),
        c.get("min-output-tokens").asLong().orElse(d.minOutputTokens()),
        choice(c.get("soft-budget"), NearLimitPolicy.PastSoftBudget.class, d.pastSoftBudget()),
        c.get("demoted-objective").asString().orElse(d.demotedObjective()));
  }

  private static <E extends Enum<E>> E choice(Config c, Class<E> type, E fallback) {
    Optional<String> value = c.asString().asOptional();
    if (value.isEmpty()) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value.get())) {
        return e;
      }
    }
    throw new IllegalArgumentException(c.key() + " must be one of "
        + java.util.Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList() + ": " + value.get());
  }

  private static PricePerMillion perMillion(Config p, String key) {
    return optionalPerMillion(p, key)
        .orElseThrow(() -> new IllegalArgumentException("price." + key + " is required"));
  }

  private static Optional<PricePerMillion> optionalPerMillion(Config p, String key) {
    return p.get(key).asString().asOptional().map(PricePerMillion::usd);
  }

  private static Duration duration(Config c, Duration fallback) {
    return c.asString().asOptional().map(Duration::parse).orElse(fallback);
  }

  private static String required(Config c, String key) {
    return c.get(key).asString().orElseThrow(
        () -> new IllegalArgumentException(c.key() + "." + key + " is required"));
  }
}
