package dev.tollgate.app.litellm;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.app.http.ErrorShape;
import dev.tollgate.app.http.Head;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.AuthenticateAdmin;
import dev.tollgate.port.in.admin.ManageBudgetTemplates;
import dev.tollgate.service.Administration;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.random.RandomGenerator;

/**
 * LiteLLM's management routes behind the admin API's door: the master key is the platform
 * administrator, a tenant admin key its tenant's administrator (exactly what each gets on
 * {@code /admin/v1}); anything else is a 401 in LiteLLM's error shape. The one exception is
 * {@code GET /key/info} without a {@code key}: an inference key reads itself there, as it does on
 * {@code GET /v1/key/status}.
 */
public final class LitellmApi {

  /** Where a master-key call lands without an organization: the LiteLLM import's default. */
  public static final TenantId DEFAULT_TENANT = TenantId.of("litellm");

  /** The credential headers LiteLLM's clients send (LiteMaaS, the Backstage plugin). */
  static final List<HeaderName> KEY_HEADERS = List.of(HeaderNames.create("x-litellm-api-key"),
      HeaderNames.create("x-goog-api-key"), HeaderNames.create("x-api-key"));

  private final Administration admin;
  private final Secret masterKey;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final List<LitellmRoute> routes;
  private final KeyEndpoints keys;

  /**
   * @param defaultTenant where a master-key call lands when it names no organization (the LiteLLM
   *     import's {@code --default-tenant}, {@code litellm} unless configured)
   */
  public LitellmApi(Administration admin, ManageBudgetTemplates budgets, Secret masterKey,
      ObjectMapper mapper, Clock clock, RandomGenerator random, TenantId defaultTenant) {
    this.admin = admin;
    this.masterKey = masterKey;
    this.mapper = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    this.clock = clock;
    Tenancy tenancy = new Tenancy(admin == null ? null : admin.tenants(), defaultTenant);
    this.keys = new KeyEndpoints(admin, budgets, tenancy);
    List<LitellmRoute> all = new ArrayList<>(keys.routes());
    all.addAll(new TeamEndpoints(admin, tenancy, random).routes());
    all.addAll(new CustomerEndpoints(admin, budgets, tenancy).routes());
    all.addAll(new BudgetEndpoints(budgets, tenancy).routes());
    all.addAll(new ModelEndpoints(admin == null ? null : admin.models()).routes());
    all.addAll(new SpendEndpoints(admin, keys).routes());
    this.routes = List.copyOf(all);
  }

  /** Every route as {@code METHOD path}, for the OpenAPI document's check. */
  public static List<String> describe(ObjectMapper mapper) {
    // Only the routes' names are read: this instance never serves.
    return new LitellmApi(null, null, null, mapper,
        Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC), null, DEFAULT_TENANT)
        .routeNames();
  }

  /** Every route as {@code METHOD path}, for the unmatched-route answer (405 on a wrong method). */
  public List<String> routeNames() {
    return routes.stream().map(r -> r.method() + " " + r.path()).toList();
  }

  public void register(HttpRouting.Builder r) {
    for (LitellmRoute route : routes) {
      Handler handler = guarded(route);
      r.route(Method.create(route.method()), route.path(), handler);
      if (route.method().equals("GET")) {
        r.route(Method.HEAD, route.path(), Head.of(handler));
      }
    }
  }

  static Optional<String> presented(ServerRequest req) {
    Optional<String> auth = req.headers().first(HeaderNames.AUTHORIZATION);
    if (auth.isPresent()) {
      String v = auth.get().strip();
      return v.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.of(v.substring(7).strip())
          : Optional.empty();
    }
    for (HeaderName h : KEY_HEADERS) {
      Optional<String> v = req.headers().first(h);
      if (v.isPresent()) {
        return v.map(String::strip);
      }
    }
    return Optional.empty();
  }

  private Handler guarded(LitellmRoute route) {
    return (req, res) -> {
      try {
        Optional<String> presented = presented(req);
        if (presented.isEmpty()) {
          throw new LitellmError(401, "No API key passed in. Send the master key or a tenant admin"
              + " key as 'Authorization: Bearer …'.", null);
        }
        Actor actor;
        if (masterKey.matches(presented.get())) {
          actor = Actor.platform("master-key");
        } else {
          switch (admin.authenticate().authenticate(presented.get())) {
            case AuthenticateAdmin.Authenticated a -> actor = a.actor();
            case AuthenticateAdmin.Refused refused -> {
              if (refused.denial().reason() == DenialReason.WRONG_KEY_ROLE
                  && route.path().equals(KeyEndpoints.INFO) && !req.query().contains("key")) {
                keys.self(new LitellmCall(null, req, res, mapper, clock.instant()),
                    presented.get());
                return;
              }
              throw new LitellmError(401, "Authentication error: " + refused.denial().message(),
                  null);
            }
          }
        }
        route.handler().handle(new LitellmCall(actor, req, res, mapper, clock.instant()));
      } catch (LitellmError e) {
        error(res, e);
      } catch (Bodies.TooLarge e) {
        error(res, new LitellmError(413, "The request body is too large.", null));
      } catch (IllegalArgumentException e) {
        error(res, LitellmError.badRequest(null, "Invalid request: " + e.getMessage()));
      }
    };
  }

  /**
   * Errors no handler of these routes writes (a wrong method, a query or framing refused before
   * routing, the store down, a failure) in LiteLLM's shape on these routes' paths, as the refusals
   * their handlers write; {@code otherwise} writes every other path's.
   */
  public ErrorShape errorShape(ErrorShape otherwise) {
    Set<String> paths = routes.stream().map(LitellmRoute::path).collect(Collectors.toUnmodifiableSet());
    return (path, headers, error) -> {
      if (!paths.contains(path)) {
        return otherwise.write(path, headers, error);
      }
      return new ErrorShape.Written(error.status(),
          body(new LitellmError(error.status(), error.message(), error.param())),
          ErrorShape.retryAfter(error));
    };
  }

  private void error(ServerResponse res, LitellmError e) {
    res.status(e.status());
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(body(e));
  }

  private byte[] body(LitellmError e) {
    ObjectNode err = mapper.createObjectNode();
    err.putObject("error").put("message", e.getMessage()).put("type", e.type())
        .put("param", e.param()).put("code", Integer.toString(e.status()));
    try {
      return mapper.writeValueAsBytes(err);
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new UncheckedIOException(x);
    }
  }
}
