package dev.tollgate.app.config;

import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.service.AdmissionSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the service is configured with, validated once at start. Secrets are read from the
 * environment or mounted files ({@link Secrets}), never from the YAML: the master key
 * ({@code TOLLGATE_MASTER_KEY}) and the credential the data plane requires of Tollgate
 * ({@code TOLLGATE_DATA_PLANE_API_KEY}), each also as {@code *_FILE}. The salt key
 * ({@code TOLLGATE_SALT_KEY}) seals secrets stored in the database; see docs/secrets.md.
 */
public record GatewayConfig(
    Server server,
    DataPlaneSettings dataPlane,
    AdmissionSettings admission,
    List<ModelSpec> models,
    List<PriceVersion> prices,
    List<TenantPolicy> tenants,
    Optional<Secret> masterKey,
    Optional<Secret> dataPlaneApiKey,
    StoreSettings store,
    Optional<Secret> databasePassword,
    Optional<Secret> saltKey,
    MetricsSettings metrics,
    WebhookSettings webhooks,
    ObservabilitySettings observability) {

  public GatewayConfig {
    if (metrics == null || webhooks == null || observability == null) {
      throw new IllegalArgumentException(
          "metrics, webhook and observability settings are required (use DEFAULTS)");
    }
    models = List.copyOf(models);
    prices = List.copyOf(prices);
    tenants = List.copyOf(tenants);
  }

  /** Without a configured salt key (tests and embedding hosts that store no secrets). */
  public GatewayConfig(Server server, DataPlaneSettings dataPlane, AdmissionSettings admission,
      List<ModelSpec> models, List<PriceVersion> prices, List<TenantPolicy> tenants,
      Optional<Secret> masterKey, Optional<Secret> dataPlaneApiKey, StoreSettings store,
      Optional<Secret> databasePassword) {
    this(server, dataPlane, admission, models, prices, tenants, masterKey, dataPlaneApiKey, store,
        databasePassword, Optional.empty());
  }

  /** With the metrics at their defaults. */
  public GatewayConfig(Server server, DataPlaneSettings dataPlane, AdmissionSettings admission,
      List<ModelSpec> models, List<PriceVersion> prices, List<TenantPolicy> tenants,
      Optional<Secret> masterKey, Optional<Secret> dataPlaneApiKey, StoreSettings store,
      Optional<Secret> databasePassword, Optional<Secret> saltKey) {
    this(server, dataPlane, admission, models, prices, tenants, masterKey, dataPlaneApiKey, store,
        databasePassword, saltKey, MetricsSettings.DEFAULTS);
  }

  /** With the webhooks at their defaults, tracing off and text logs. */
  public GatewayConfig(Server server, DataPlaneSettings dataPlane, AdmissionSettings admission,
      List<ModelSpec> models, List<PriceVersion> prices, List<TenantPolicy> tenants,
      Optional<Secret> masterKey, Optional<Secret> dataPlaneApiKey, StoreSettings store,
      Optional<Secret> databasePassword, Optional<Secret> saltKey, MetricsSettings metrics) {
    this(server, dataPlane, admission, models, prices, tenants, masterKey, dataPlaneApiKey, store,
        databasePassword, saltKey, metrics, WebhookSettings.DEFAULTS);
  }

  /** With tracing off and text logs. */
  public GatewayConfig(Server server, DataPlaneSettings dataPlane, AdmissionSettings admission,
      List<ModelSpec> models, List<PriceVersion> prices, List<TenantPolicy> tenants,
      Optional<Secret> masterKey, Optional<Secret> dataPlaneApiKey, StoreSettings store,
      Optional<Secret> databasePassword, Optional<Secret> saltKey, MetricsSettings metrics,
      WebhookSettings webhooks) {
    this(server, dataPlane, admission, models, prices, tenants, masterKey, dataPlaneApiKey, store,
        databasePassword, saltKey, metrics, webhooks, ObservabilitySettings.DEFAULTS);
  }

  /** The same configuration with other webhook settings. */
  public GatewayConfig withWebhooks(WebhookSettings settings) {
    return new GatewayConfig(server, dataPlane, admission, models, prices, tenants, masterKey,
        dataPlaneApiKey, store, databasePassword, saltKey, metrics, settings, observability);
  }

  /** The same configuration with another salt key. */
  public GatewayConfig withSaltKey(Optional<Secret> key) {
    return new GatewayConfig(server, dataPlane, admission, models, prices, tenants, masterKey,
        dataPlaneApiKey, store, databasePassword, key, metrics, webhooks, observability);
  }

  /** The same configuration with other metrics settings. */
  public GatewayConfig withMetrics(MetricsSettings settings) {
    return new GatewayConfig(server, dataPlane, admission, models, prices, tenants, masterKey,
        dataPlaneApiKey, store, databasePassword, saltKey, settings, webhooks, observability);
  }

  /** The same configuration with another server section. */
  public GatewayConfig withServer(Server settings) {
    return new GatewayConfig(settings, dataPlane, admission, models, prices, tenants, masterKey,
        dataPlaneApiKey, store, databasePassword, saltKey, metrics, webhooks, observability);
  }

  /** The same configuration with other tracing and log settings. */
  public GatewayConfig withObservability(ObservabilitySettings settings) {
    return new GatewayConfig(server, dataPlane, admission, models, prices, tenants, masterKey,
        dataPlaneApiKey, store, databasePassword, saltKey, metrics, webhooks, settings);
  }

  /**
   * @param maxBodyBytes requests above this size are refused with 413 before parsing
   * @param maxResponseBytes a non-streamed upstream body above this is refused with 502
   * @param limits what one client may take from the listener
   * @param console the web console at /ui
   * @param sessionHeaders the headers a request's client session is read from, first found wins
   * @param cors which other origins' pages may call /v1 from a browser
   */
  public record Server(String host, int port, long maxBodyBytes, long maxResponseBytes,
      ServerLimits limits, ConsoleSettings console, List<String> sessionHeaders, CorsSettings cors) {

    /** Claude Code's session header, then Open WebUI's chat id. */
    public static final List<String> DEFAULT_SESSION_HEADERS =
        List.of("X-Claude-Code-Session-Id", "X-OpenWebUI-Chat-Id");

    public Server {
      if (port < 0 || port > 65_535 || maxBodyBytes < 1 || maxResponseBytes < 1 || limits == null
          || console == null || sessionHeaders == null || cors == null) {
        throw new IllegalArgumentException("invalid server settings");
      }
      sessionHeaders = List.copyOf(sessionHeaders);
    }

    /** No browser page of another origin may call it (no CORS headers). */
    public Server(String host, int port, long maxBodyBytes, long maxResponseBytes,
        ServerLimits limits, ConsoleSettings console, List<String> sessionHeaders) {
      this(host, port, maxBodyBytes, maxResponseBytes, limits, console, sessionHeaders,
          CorsSettings.NONE);
    }

    /** With the default session headers. */
    public Server(String host, int port, long maxBodyBytes, long maxResponseBytes,
        ServerLimits limits, ConsoleSettings console) {
      this(host, port, maxBodyBytes, maxResponseBytes, limits, console, DEFAULT_SESSION_HEADERS);
    }

    /** With the web console at its defaults. */
    public Server(
        String host, int port, long maxBodyBytes, long maxResponseBytes, ServerLimits limits) {
      this(host, port, maxBodyBytes, maxResponseBytes, limits, ConsoleSettings.DEFAULTS);
    }

    /** The same server with other console settings. */
    public Server withConsole(ConsoleSettings settings) {
      return new Server(host, port, maxBodyBytes, maxResponseBytes, limits, settings,
          sessionHeaders, cors);
    }

    /** The same server answering browsers of other origins as {@code settings} says. */
    public Server withCors(CorsSettings settings) {
      return new Server(host, port, maxBodyBytes, maxResponseBytes, limits, console,
          sessionHeaders, settings);
    }

    /** With the connection limits at their defaults. */
    public Server(String host, int port, long maxBodyBytes, long maxResponseBytes) {
      this(host, port, maxBodyBytes, maxResponseBytes, ServerLimits.DEFAULTS);
    }
  }

  /**
   * Which data plane, where, and how long to wait for its response head.
   *
   * @param type one of {@link #TYPES}
   * @param simulatorFirstByte for {@code simulated}: delay before the first byte
   * @param simulatorPerToken for {@code simulated}: delay between streamed tokens
   * @param envoyAiGateway for {@code envoy-aigw}: what the gateway is told beyond the body
   */
  public record DataPlaneSettings(
      String type,
      Optional<URI> baseUrl,
      Duration timeout,
      Duration simulatorFirstByte,
      Duration simulatorPerToken,
      EnvoyAiGatewayOptions envoyAiGateway) {

    public static final List<String> TYPES = List.of("agentgateway", "envoy-aigw", "simulated");

    public DataPlaneSettings {
      if (!TYPES.contains(type)) {
        throw new IllegalArgumentException(
            "tollgate.data-plane.type '" + type + "' is not one of " + TYPES);
      }
      if (!type.equals("simulated") && baseUrl.isEmpty()) {
        throw new IllegalArgumentException("tollgate.data-plane.base-url is required for " + type);
      }
      if (envoyAiGateway == null) {
        throw new IllegalArgumentException("envoyAiGateway options are required (use DEFAULTS)");
      }
    }

    /** Settings with the Envoy AI Gateway options at their defaults. */
    public DataPlaneSettings(String type, Optional<URI> baseUrl, Duration timeout,
        Duration simulatorFirstByte, Duration simulatorPerToken) {
      this(type, baseUrl, timeout, simulatorFirstByte, simulatorPerToken,
          EnvoyAiGatewayOptions.DEFAULTS);
    }
  }

  /**
   * {@code tollgate.data-plane.envoy-aigw.*}.
   *
   * @param tenantHeader the header carrying the tenant id, which the gateway's per-tenant token
   *     quotas key on
   * @param sendModelHeader whether to send {@code x-ai-eg-model} besides the model in the body
   */
  public record EnvoyAiGatewayOptions(String tenantHeader, boolean sendModelHeader) {

    // Declared before DEFAULTS: static fields initialize in order, and DEFAULTS is validated.
    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public static final EnvoyAiGatewayOptions DEFAULTS =
        new EnvoyAiGatewayOptions("x-tenant-id", true);

    public EnvoyAiGatewayOptions {
      if (tenantHeader == null || !HEADER_NAME.matcher(tenantHeader).matches()) {
        throw new IllegalArgumentException("tollgate.data-plane.envoy-aigw.tenant-header must be a"
            + " lower-case HTTP header name: " + tenantHeader);
      }
    }
  }
}
