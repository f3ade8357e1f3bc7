package dev.tollgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import dev.tollgate.app.config.CorsSettings;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.ServerLimits;
import dev.tollgate.app.http.ApiError;
import dev.tollgate.app.http.AudioHandler;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.app.http.CloseWhenAnswered;
import dev.tollgate.app.http.ConnectionGuard;
import dev.tollgate.app.http.Cors;
import dev.tollgate.app.http.Drain;
import dev.tollgate.app.http.ErrorShape;
import dev.tollgate.app.http.Gateway;
import dev.tollgate.app.http.Head;
import dev.tollgate.app.http.HelidonMappers;
import dev.tollgate.app.http.ModelsHandler;
import dev.tollgate.app.http.anthropic.AnthropicModels;
import dev.tollgate.app.http.anthropic.ErrorsByDialect;
import dev.tollgate.app.http.anthropic.MessagesHandler;
import dev.tollgate.app.http.OpenApi;
import dev.tollgate.app.http.admin.AdminApi;
import dev.tollgate.app.litellm.LitellmApi;
import dev.tollgate.app.http.admin.SessionDoor;
import dev.tollgate.app.http.console.ConsoleRoutes;
import dev.tollgate.app.http.ProxyHandler;
import dev.tollgate.app.http.QueryCheck;
import dev.tollgate.app.http.Responses;
import dev.tollgate.app.http.TransportErrors;
import dev.tollgate.app.http.UnmatchedRoutes;
import dev.tollgate.app.http.Unversioned;
import dev.tollgate.app.http.StatusService;
import dev.tollgate.app.wiring.Closer;
import dev.tollgate.app.wiring.Root;
import dev.tollgate.app.wiring.ServerParts;
import dev.tollgate.app.logging.AccessLog;
import dev.tollgate.app.tracing.Tracing;
import dev.tollgate.app.metrics.Metrics;
import dev.tollgate.app.metrics.ReconciliationMeters;
import dev.tollgate.app.reconcile.ReconciliationWorker;
import dev.tollgate.port.out.BudgetTemplates;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.RequestTelemetry;
import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.app.webhook.WebhookWorkers;
import dev.tollgate.port.in.admin.ManageWebhooks;
import dev.tollgate.service.Administration;
import dev.tollgate.service.AlertDetector;
import dev.tollgate.service.BudgetTemplateAdminService;
import dev.tollgate.service.ReconciliationService;
import dev.tollgate.service.WebhookDeliveryService;
import com.sun.management.UnixOperatingSystemMXBean;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The running service: Helidon SE routes over the wired engine. Close it to stop everything. */
public final class TollgateServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TollgateServer.class.getName());

  /** Descriptors kept out of the connection cap: the store, the journal, logs, the JVM itself. */
  static final int RESERVED_DESCRIPTORS = 512;
  /** How often the listener is checked for having stopped accepting. */
  static final Duration LISTENER_CHECK = Duration.ofSeconds(1);
  /**
   * Helidon's buffer under a response's output stream, allocated per streamed answer (its default
   * is 4 KB): the stream relays write each read's events in one call, which passes a buffer this
   * small, and the report export has a 64 KB writer of its own.
   */
  static final int STREAM_WRITE_BUFFER_BYTES = 512;

  private final Closer closer;
  private final Injector injector;
  private final ServerFactory factory;
  private final ListenerWatchdog watchdog;
  private final Drain drain;
  private final Duration drainTimeout;
  private final int boundPort;
  private volatile WebServer server;
  private OptionalInt metricsPort = OptionalInt.empty();

  private TollgateServer(WebServer server, Closer closer, Injector injector, ServerFactory factory,
      String host, Drain drain, Duration drainTimeout) {
    this.server = server;
    this.drain = drain;
    this.drainTimeout = drainTimeout;
    this.closer = closer;
    this.injector = injector;
    this.factory = factory;
    this.boundPort = server.port();
    this.watchdog = new ListenerWatchdog(bindAddress(host), this::port, LISTENER_CHECK,
        this::restartListener);
  }

  /** Builds a listener with every route and bound; the same one again on restart. */
  @FunctionalInterface
  private interface ServerFactory {
    WebServer build(int port);
  }

  /** Starts over a production root: the system clock and {@code SecureRandom}. */
  public static TollgateServer start(GatewayConfig config, Secret masterKey) {
    return start(Root.of(config), masterKey);
  }

  /** Starts the server the composition root wires, with its clock and randomness. */
  public static TollgateServer start(Root root, Secret masterKey) {
    GatewayConfig config = root.config();
    Closer closer = new Closer();
    HelidonMappers.pin();
    try {
      Injector injector = root.server(closer, METERED_ROUTES);
      ServerParts parts = injector.getInstance(ServerParts.class);
      Metrics metrics = parts.metrics();
      AlertDetector alerts = injector.getInstance(AlertDetector.class);
      RequestTelemetry telemetry = config.observability().accessLog()
          ? RequestTelemetry.both(metrics.telemetry(), closer.register(AccessLog.forService()))
          : metrics.telemetry();
      if (config.webhooks().enabled()) {
        RequestTelemetry measured = telemetry;
        telemetry = RequestTelemetry.both(measured, // key.expiring: from the admitted ticket
            outcome -> outcome.ticket().ifPresent(t -> alerts.keyServed(t.key(), t.startedAt())));
      }
      Gateway gw = parts.gateway().withTelemetry(telemetry)
          .withSpans(injector.getInstance(Tracing.class).spans());
      Administration admin = parts.admin();
      Clock clock = parts.clock();
      Optional<ConsoleRoutes> console = Console.routes(config.server().console(), parts,
          masterKey);
      closer.register(Sweeper.start(List.of(
          gw.tollgate().sweeper()::sweep,
          () -> admin.stores().idempotency().expire(
              clock.instant().minus(Administration.IDEMPOTENCY_WINDOW)),
          () -> console.ifPresent(ConsoleRoutes::expireSessions))));
      ObjectMapper mapper = parts.mapper();
      ServerLimits limits = config.server().limits();
      ConnectionGuard guard = new ConnectionGuard(limits.headerTimeout(), limits.bodyTimeout());
      closer.register(guard);
      int maxConnections = connectionCap(limits.maxConnections(), descriptorLimit());
      Optional<ReconciliationService> reconciliation = injector.getInstance(
          com.google.inject.Key.get(new com.google.inject.TypeLiteral<
              Optional<ReconciliationService>>() {}));
      reconciliation.ifPresent(r -> closer.register(ReconciliationWorker.start(r,
          new ReconciliationMeters(metrics.registry(), r, config.metrics().maxSeriesPerMetric()),
          config.observability().reconciliation().interval())));
      AdminApi adminApi = new AdminApi(admin, masterKey, mapper, clock,
          console.map(ConsoleRoutes::door).orElse(SessionDoor.NONE),
          injector.getInstance(ManageWebhooks.class), reconciliation.orElse(null));
      if (config.webhooks().enabled()) {
        closer.register(WebhookWorkers.start(alerts,
            Optional.of(injector.getInstance(dev.tollgate.service.AlertSweep.class)),
            injector.getInstance(WebhookDeliveryService.class), config.webhooks()));
      }
      LitellmApi litellm = litellmApi(injector, parts, masterKey);
      StatusService status = new StatusService(parts.status(), mapper);
      Drain drain = new Drain();
      TollgateServer[] self = new TollgateServer[1];
      ServerFactory factory = port -> WebServer.builder()
          .host(config.server().host())
          .port(port)
          .maxTcpConnections(maxConnections)
          .idleConnectionTimeout(limits.idleTimeout())
          .idleConnectionPeriod(idlePeriod(limits.idleTimeout()))
          .errorHandling(e -> e.includeEntity(true))
          // Helidon's own hook would stop the listener at SIGTERM, interrupting running
          // requests; Main's hook drains first (close()).
          .shutdownHook(false)
          // Ours replaces the discovered HTTP/1.1 configuration (two would make two selectors,
          // and Helidon then reads before registering a connection, out of its idle reaper's view).
          .protocolsDiscoverServices(false)
          // Helidon's query check refuses a raw ':' that RFC 3986 allows; QueryCheck replaces it.
          .addProtocol(Http1Config.builder().addReceiveListener(guard).validatePrologue(false)
              .build())
          // Streams are many small writes: without TCP_NODELAY each waits for a delayed ACK.
          .connectionOptions(socket -> socket.tcpNoDelay(true))
          .writeBufferSize(STREAM_WRITE_BUFFER_BYTES)
          .directHandlers(d -> {
            TransportErrors errors = new TransportErrors(errorShape(Optional.of(litellm)));
            for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
              d.addHandler(type, errors);
            }
          })
          .routing(r -> {
            r.addFilter(new CloseWhenAnswered()).addFilter(drain); // the first closes after the rest
            metrics.httpServer().ifPresent(r::addFilter);
            if (config.metrics().port().isEmpty()) {
              Head.get(r, METRICS_PATH, metrics.endpoint());
            }
            routes(r, gw, adminApi, status,
                () -> self[0] == null || self[0].listening(), console, // null: still starting
                Optional.of(litellm), config.server().cors());
          })
          .build();
      OptionalInt metricsPort = config.metrics().port().isEmpty() ? OptionalInt.empty()
          : OptionalInt.of(closer.register(metricsListener(config, metrics)).port());
      WebServer server = factory.build(config.server().port()).start();
      LOG.info("accepting at most " + maxConnections + " connections at once");
      self[0] = new TollgateServer(server, closer, injector, factory, config.server().host(),
          drain, limits.drainTimeout());
      self[0].metricsPort = metricsPort;
      return self[0];
    } catch (RuntimeException e) {
      closer.close();
      throw e;
    }
  }

  /** LiteLLM's management API over the same administration, with its budget templates. */
  private static LitellmApi litellmApi(Injector injector, ServerParts parts, Secret masterKey) {
    Administration admin = parts.admin();
    return new LitellmApi(admin, new BudgetTemplateAdminService(
        injector.getInstance(BudgetTemplates.class), admin.stores().directory(), admin.limits(),
        admin.stores().audit(), parts.clock()), masterKey, parts.mapper(), parts.clock(),
        parts.random(), LitellmApi.DEFAULT_TENANT);
  }

  /** Where Prometheus scrapes: the main port, or the metrics port when one is configured. */
  static final String METRICS_PATH = "/metrics";

  /** The paths {@code http.server.requests} names on their own (others are grouped). */
  static final List<String> METERED_ROUTES = java.util.stream.Stream.concat(java.util.stream.Stream.of(
      "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/responses", "/v1/rerank",
      "/v1/score", "/v1/messages", "/v1/messages/count_tokens", "/v1/models", "/v1/key/status",
      "/openapi.yaml", "/healthz", "/readyz", METRICS_PATH), Unversioned.PATHS.stream()).toList();

  /** A listener of its own for {@code /metrics} ({@code tollgate.metrics.port}), started now. */
  private static AutoCloseableServer metricsListener(GatewayConfig config, Metrics metrics) {
    WebServer listener = WebServer.builder()
        .host(config.server().host())
        .port(config.metrics().port().getAsInt())
        .shutdownHook(false) // stopped by the closer, after the main listener has drained
        .routing(r -> Head.get(r.addFilter(new CloseWhenAnswered()), METRICS_PATH, metrics.endpoint()))
        .build()
        .start();
    LOG.info("metrics at http://" + config.server().host() + ":" + listener.port() + METRICS_PATH);
    return new AutoCloseableServer(listener);
  }

  /** A started listener that the closer stops. */
  private record AutoCloseableServer(WebServer server) implements AutoCloseable {
    int port() {
      return server.port();
    }

    @Override
    public void close() {
      server.stop();
    }
  }

  /** The /v1 routes as {@code METHOD path}: a wrong method on one of these is a 405, not a 404. */
  static final List<String> V1_ROUTES = List.of("POST /v1/chat/completions",
      "POST /v1/completions", "POST /v1/embeddings", "POST /v1/responses", "POST /v1/rerank",
      "POST /v1/score", "GET /v1/models", "GET /v1/models/{+model}", "GET /v1/key/status",
      "POST /v1/messages", "POST /v1/messages/count_tokens", "POST /v1/audio/transcriptions",
      "POST /v1/audio/translations");

  /** OpenAI's model list, or Anthropic's when the request carries {@code anthropic-version}. */
  private static io.helidon.webserver.http.Handler models(Gateway gw) {
    return AnthropicModels.byDialect(new ModelsHandler(gw.tollgate().listModels(), gw.mapper()),
        new AnthropicModels(gw.tollgate().listModels(), gw.mapper()));
  }

  /**
   * The configured cap, lowered to stay well under the process's descriptor limit: each proxied
   * connection may also hold one to the data plane, and a few hundred are kept for everything else.
   */
  static int connectionCap(int configured, long descriptorLimit) {
    long room = (descriptorLimit - RESERVED_DESCRIPTORS) / 2;
    return (int) Math.max(16, Math.min(configured, room));
  }

  private static long descriptorLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return Integer.MAX_VALUE;
  }

  /** Helidon checks idle connections at this period; a quarter of the timeout, at most 5 s. */
  private static Duration idlePeriod(Duration idleTimeout) {
    return Duration.ofMillis(Math.clamp(idleTimeout.toMillis() / 4, 10, 5_000));
  }

  private static InetAddress bindAddress(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("tollgate.server.host '" + host + "' does not resolve", e);
    }
  }

  /** A fresh listener on the same port, in place of one whose accept loop ended. */
  private synchronized boolean restartListener() {
    WebServer dead = server;
    try {
      dead.stop();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "stopping the dead listener failed", e);
    }
    server = factory.build(boundPort).start();
    return server.isRunning();
  }

  /**
   * Routes are matched in the order they are added: the /v1 routes every request takes first, the
   * admin API's thirty-odd after them, so a model call never walks past the admin patterns.
   */
  static void routes(HttpRouting.Builder r, Gateway gw, AdminApi admin, StatusService status,
      BooleanSupplier listening, Optional<ConsoleRoutes> console, Optional<LitellmApi> litellm,
      CorsSettings corsSettings) {
    ErrorShape shape = errorShape(litellm);
    Optional<Cors> cors = corsSettings.enabled()
        ? Optional.of(new Cors(corsSettings, shape)) : Optional.empty();
    cors.ifPresent(r::addFilter); // before the query check: its refusal is readable by the page
    ErrorShape errors = cors.map(c -> c.around(shape)).orElse(shape);
    r.addFilter(new QueryCheck(errors))
        .post("/v1/chat/completions", new ProxyHandler(Endpoint.CHAT_COMPLETIONS, gw))
        .post("/v1/completions", new ProxyHandler(Endpoint.COMPLETIONS, gw))
        .post("/v1/embeddings", new ProxyHandler(Endpoint.EMBEDDINGS, gw))
        .post("/v1/responses", new ProxyHandler(Endpoint.RESPONSES, gw))
        .post("/v1/rerank", new ProxyHandler(Endpoint.RERANK, gw))
        .post("/v1/score", new ProxyHandler(Endpoint.SCORE, gw))
        .post("/v1/messages", new MessagesHandler(Endpoint.MESSAGES, gw))
        .post("/v1/messages/count_tokens", new MessagesHandler(Endpoint.MESSAGES_COUNT_TOKENS, gw))
        .post("/v1/audio/transcriptions", new AudioHandler(Endpoint.AUDIO_TRANSCRIPTIONS, gw))
        .post("/v1/audio/translations", new AudioHandler(Endpoint.AUDIO_TRANSLATIONS, gw))
        .register(status);
    Head.get(r, "/v1/models", models(gw));
    Head.get(r, "/v1/models/{+" + ModelsHandler.MODEL_PARAM + "}", models(gw));
    for (Endpoint e : Unversioned.POSTED) { // LiteLLM's spellings without /v1, last: rarely taken
      r.post(Unversioned.alias(e), new ProxyHandler(e, gw));
    }
    for (Endpoint e : Unversioned.AUDIO) {
      r.post(Unversioned.alias(e), new AudioHandler(e, gw));
    }
    for (Endpoint e : Unversioned.AZURE) {
      r.post(Unversioned.azure(e), ProxyHandler.modelFromRoute(e, gw));
    }
    r.post(Unversioned.RERANK_V2, new ProxyHandler(Endpoint.RERANK, gw));
    for (Endpoint e : Unversioned.ANTHROPIC) {
      r.post(Unversioned.anthropic(e), new MessagesHandler(e, gw));
    }
    Head.get(r, Unversioned.ANTHROPIC_MODELS, models(gw));
    Head.get(r, Unversioned.ANTHROPIC_MODELS + "/{+" + ModelsHandler.MODEL_PARAM + "}", models(gw));
    Head.get(r, Unversioned.MODELS, models(gw));
    Head.get(r, Unversioned.MODELS + "/{+" + ModelsHandler.MODEL_PARAM + "}", models(gw));
    Head.get(r, "/v1/key/status", admin.keyStatus());
    Head.get(r, "/openapi.yaml", OpenApi.handler());
    Head.get(r, "/healthz", (req, res) -> health(res, listening));
    admin.register(r);
    litellm.ifPresent(l -> l.register(r));
    console.ifPresent(c -> c.register(r));
    List<String> known = new ArrayList<>(V1_ROUTES);
    known.addAll(Unversioned.ROUTES);
    known.addAll(admin.routeNames());
    litellm.ifPresent(l -> known.addAll(l.routeNames()));
    console.ifPresent(c -> known.addAll(ConsoleRoutes.ROUTES));
    r.any(new UnmatchedRoutes(known, errors))
        .error(StoreRefusedException.class, (req, res, e) -> {
          // The store is up and refused this statement: a bug or unvalidated input, not an outage.
          LOG.log(Level.SEVERE, "the store refused a statement on " + req.path().path(), e);
          errors.send(req, res, new ApiError(500, "server_error", "internal_error",
              "Tollgate failed to handle this request; it has been logged.", null,
              Optional.empty()));
        })
        .error(Bodies.Unreadable.class, (req, res, e) -> {
          res.header(HeaderValues.CONNECTION_CLOSE); // the rest of the body cannot be framed
          errors.send(req, res, e.toError());
        })
        .error(StoreUnavailableException.class, (req, res, e) -> {
          LOG.log(Level.WARNING, "store unavailable", e);
          errors.send(req, res, new ApiError(503, "service_unavailable", "store_unavailable",
              "Tollgate's store is unavailable; retry shortly.", null,
              Optional.of(java.time.Duration.ofSeconds(2))));
        })
        .error(Exception.class, (req, res, e) -> {
          LOG.log(Level.SEVERE, "unexpected failure on " + req.path().path(), e);
          errors.send(req, res, new ApiError(500, "server_error", "internal_error",
              "Tollgate failed to handle this request; it has been logged.", null,
              Optional.empty()));
        });
  }

  /**
   * How errors outside the handlers are written: LiteLLM's shape on its management routes,
   * Anthropic's on its routes, OpenAI's elsewhere.
   */
  private static ErrorShape errorShape(Optional<LitellmApi> litellm) {
    ErrorShape byDialect = new ErrorsByDialect();
    return litellm.map(l -> l.errorShape(byDialect)).orElse(byDialect);
  }

  /**
   * Liveness: 503 from the moment the listener is found to have stopped accepting until a new one
   * accepts. (A request can reach this only on a listener that accepts, so it mostly answers
   * 200; the watchdog behind it is what restarts a dead listener.)
   */
  private static void health(ServerResponse res, BooleanSupplier listening) {
    if (listening.getAsBoolean()) {
      res.send("ok");
      return;
    }
    Responses.error(res, new ApiError(503, "server_error", "listener_down",
        "Tollgate's listener stopped accepting connections and is being restarted.", null,
        Optional.of(Duration.ofSeconds(1))));
  }

  boolean listening() {
    return watchdog.listening();
  }

  long listenerRestarts() {
    return watchdog.restarts();
  }

  public int port() {
    return boundPort;
  }

  /** The separate metrics listener's port, when {@code tollgate.metrics.port} is set. */
  public OptionalInt metricsPort() {
    return metricsPort;
  }

  /** A part of the wired graph, for tests that look inside a running server. */
  public <T> T get(Class<T> type) {
    return injector.getInstance(type);
  }

  /**
   * Drains, then stops: requests already running finish (bounded by {@code drain-timeout}) before
   * the listener stops, since Helidon's stop would interrupt them; then the stores close, which
   * gives leases back and posts the journal.
   */
  @Override
  public void close() {
    drain.begin();
    if (!drain.awaitIdle(drainTimeout)) {
      LOG.warning(drain.running() + " requests still running after the drain timeout ("
          + drainTimeout + "); stopping anyway");
    }
    watchdog.close();
    server.stop();
    closer.close();
  }
}
