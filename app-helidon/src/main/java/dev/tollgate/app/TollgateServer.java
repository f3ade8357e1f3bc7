package dev.tollgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.http.ApiError;
import dev.tollgate.app.http.Gateway;
import dev.tollgate.app.http.ModelsHandler;
import dev.tollgate.app.http.OpenApi;
import dev.tollgate.app.http.admin.AdminApi;
import dev.tollgate.app.http.ProxyHandler;
import dev.tollgate.app.http.Responses;
import dev.tollgate.app.http.TransportErrors;
import dev.tollgate.app.http.UnmatchedRoutes;
import dev.tollgate.app.http.ServiceStatus;
import dev.tollgate.app.http.StatusService;
import dev.tollgate.app.wiring.Closer;
import dev.tollgate.app.wiring.DataPlaneModule;
import dev.tollgate.app.wiring.GatewayModule;
import dev.tollgate.app.wiring.StoresModule;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.service.Administration;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The running service: Helidon SE routes over the wired engine. Close it to stop everything. */
public final class TollgateServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TollgateServer.class.getName());

  private final WebServer server;
  private final Closer closer;
  private final Injector injector;

  private TollgateServer(WebServer server, Closer closer, Injector injector) {
    this.server = server;
    this.closer = closer;
    this.injector = injector;
  }

  public static TollgateServer start(GatewayConfig config, Secret masterKey) {
    Closer closer = new Closer();
    try {
      Injector injector = Guice.createInjector(
          new GatewayModule(config), new StoresModule(closer), new DataPlaneModule(closer));
      Gateway gw = injector.getInstance(Gateway.class);
      Administration admin = injector.getInstance(Administration.class);
      Clock clock = injector.getInstance(Clock.class);
      closer.register(Sweeper.start(List.of(
          gw.tollgate().sweeper()::sweep,
          () -> admin.stores().idempotency().expire(
              clock.instant().minus(Administration.IDEMPOTENCY_WINDOW)))));
      ObjectMapper mapper = injector.getInstance(ObjectMapper.class);
      WebServer server = WebServer.builder()
          .host(config.server().host())
          .port(config.server().port())
          // Streams are many small writes: without TCP_NODELAY each waits for a delayed ACK.
          .connectionOptions(socket -> socket.tcpNoDelay(true))
          .directHandlers(d -> {
            TransportErrors errors = new TransportErrors();
            for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
              d.addHandler(type, errors);
            }
          })
          .routing(r -> routes(r, gw, new AdminApi(admin, masterKey, mapper, clock),
              new StatusService(injector.getInstance(ServiceStatus.class), mapper)))
          .build()
          .start();
      return new TollgateServer(server, closer, injector);
    } catch (RuntimeException e) {
      closer.close();
      throw e;
    }
  }

  /** The /v1 routes as {@code METHOD path}: a wrong method on one of these is a 405, not a 404. */
  static final List<String> V1_ROUTES = List.of("POST /v1/chat/completions",
      "POST /v1/completions", "POST /v1/embeddings", "POST /v1/responses", "GET /v1/models",
      "GET /v1/models/{+model}", "GET /v1/key/status");

  /**
   * Routes are matched in the order they are added: the /v1 routes every request takes first, the
   * admin API's thirty-odd after them, so a model call never walks past the admin patterns.
   */
  static void routes(HttpRouting.Builder r, Gateway gw, AdminApi admin, StatusService status) {
    r.post("/v1/chat/completions", new ProxyHandler(Endpoint.CHAT_COMPLETIONS, gw))
        .post("/v1/completions", new ProxyHandler(Endpoint.COMPLETIONS, gw))
        .post("/v1/embeddings", new ProxyHandler(Endpoint.EMBEDDINGS, gw))
        .post("/v1/responses", new ProxyHandler(Endpoint.RESPONSES, gw))
        .get("/v1/models", new ModelsHandler(gw.tollgate().listModels(), gw.mapper()))
        .get("/v1/models/{+" + ModelsHandler.MODEL_PARAM + "}", new ModelsHandler(gw.tollgate().listModels(), gw.mapper()))
        .get("/v1/key/status", admin.keyStatus())
        .get("/openapi.yaml", OpenApi.handler())
        .get("/healthz", (req, res) -> res.send("ok"))
        .register(status);
    admin.register(r);
    List<String> known = new ArrayList<>(V1_ROUTES);
    known.addAll(admin.routeNames());
    r.any(new UnmatchedRoutes(known))
        .error(StoreRefusedException.class, (req, res, e) -> {
          // The store is up and refused this statement: a bug or unvalidated input, not an outage.
          LOG.log(Level.SEVERE, "the store refused a statement on " + req.path().path(), e);
          Responses.error(res, new ApiError(500, "server_error", "internal_error",
              "Tollgate failed to handle this request; it has been logged.", null,
              Optional.empty()));
        })
        .error(StoreUnavailableException.class, (req, res, e) -> {
          LOG.log(Level.WARNING, "store unavailable", e);
          Responses.error(res, new ApiError(503, "service_unavailable", "store_unavailable",
              "Tollgate's store is unavailable; retry shortly.", null,
              Optional.of(java.time.Duration.ofSeconds(2))));
        })
        .error(Exception.class, (req, res, e) -> {
          LOG.log(Level.SEVERE, "unexpected failure on " + req.path().path(), e);
          Responses.error(res, new ApiError(500, "server_error", "internal_error",
              "Tollgate failed to handle this request; it has been logged.", null,
              Optional.empty()));
        });
  }

  public int port() {
    return server.port();
  }

  public <T> T get(Class<T> type) {
    return injector.getInstance(type);
  }

  @Override
  public void close() {
    server.stop();
    closer.close();
  }
}
