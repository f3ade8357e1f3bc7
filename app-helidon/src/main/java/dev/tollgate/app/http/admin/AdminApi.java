package dev.tollgate.app.http.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.http.ApiError;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.app.http.Credentials;
import dev.tollgate.app.http.Head;
import dev.tollgate.app.http.Responses;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AuthenticateAdmin;
import dev.tollgate.port.in.admin.ManageWebhooks;
import dev.tollgate.port.in.admin.ReadKeyStatus;
import dev.tollgate.service.Administration;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin API's routes behind one door: the master key is the platform administrator, a tenant
 * admin key is its tenant's administrator, anything else is refused before a handler runs. Bad
 * input is a 400 naming the field, never a 500.
 */
public final class AdminApi {

  /** How the audit log names the master key's holder. */
  static final String MASTER_KEY_ACTOR = "master-key";

  private final Administration admin;
  private final Secret masterKey;
  private final ObjectMapper mapper;
  private final List<AdminRoute> routes;
  private final SessionDoor sessions;

  public AdminApi(Administration admin, Secret masterKey, ObjectMapper mapper, Clock clock) {
    this(admin, masterKey, mapper, clock, SessionDoor.NONE);
  }

  /** With the web console's sessions as a second way in ({@link SessionDoor}). */
  public AdminApi(Administration admin, Secret masterKey, ObjectMapper mapper, Clock clock,
      SessionDoor sessions) {
    this(admin, masterKey, mapper, clock, sessions, null);
  }

  /** With webhook subscriptions ({@code /admin/v1/webhooks}, docs/webhooks.md). */
  public AdminApi(Administration admin, Secret masterKey, ObjectMapper mapper, Clock clock,
      SessionDoor sessions, ManageWebhooks webhooks) {
    this(admin, masterKey, mapper, clock, sessions, webhooks, null);
  }

  /**
   * With reconciliation reports ({@code /admin/v1/reconciliation}, docs/observability.md); null
   * when reconciliation is off.
   */
  public AdminApi(Administration admin, Secret masterKey, ObjectMapper mapper, Clock clock,
      SessionDoor sessions, ManageWebhooks webhooks,
      dev.tollgate.port.in.ReadReconciliation reconciliation) {
    this.sessions = sessions;
    this.admin = admin;
    this.masterKey = masterKey;
    this.mapper = mapper;
    AdminJson json = new AdminJson(mapper);
    boolean wired = admin != null;
    LimitRoutes limits = new LimitRoutes(wired ? admin.limits() : null, json);
    List<AdminRoute> all = new ArrayList<>();
    all.addAll(new TenantRoutes(wired ? admin.tenants() : null, json).routes());
    all.addAll(new KeyRoutes(wired ? admin.keys() : null, limits, json).routes());
    all.addAll(limits.routes());
    all.addAll(new ReportRoutes(wired ? admin.spend() : null, wired ? admin.audit() : null,
        wired ? admin.prices() : null, json, clock).routes());
    all.addAll(new WebhookRoutes(webhooks, json).routes());
    all.addAll(new ModelRoutes(wired ? admin.models() : null, json).routes());
    all.addAll(new ReconciliationRoutes(reconciliation, json).routes());
    this.routes = List.copyOf(all);
  }

  /** Every admin route as {@code METHOD path}, for the OpenAPI document's check. */
  public static List<String> describe(ObjectMapper mapper) {
    // Only the routes' names are read: this instance never serves, so it never asks the time.
    return new AdminApi(null, null, mapper, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).routeNames();
  }

  /** This API's routes as {@code METHOD path}: a wrong method on one of them is a 405. */
  public List<String> routeNames() {
    return routes.stream().map(r -> r.method() + " " + r.path()).toList();
  }

  public void register(HttpRouting.Builder r) {
    for (AdminRoute route : routes) {
      Handler handler = guarded(route);
      r.route(Method.create(route.method()), route.pattern(), handler);
      if (route.method().equals("GET")) {
        r.route(Method.HEAD, route.pattern(), Head.of(handler));
      }
    }
  }

  /** {@code GET /v1/key/status}: a key reads its own status with itself. */
  public Handler keyStatus() {
    AdminJson json = new AdminJson(mapper);
    return (req, res) -> {
      Optional<String> key = Credentials.presentedKey(req);
      if (key.isEmpty()) {
        Responses.error(res, Credentials.missing());
        return;
      }
      switch (admin.keyStatus().status(key.get())) {
        case ReadKeyStatus.Refused refused -> Responses.error(res, ApiError.of(refused.denial()));
        case ReadKeyStatus.Status status ->
            new AdminCall(null, req, res, mapper).json(200, json.keyStatus(status.status()));
      }
    };
  }

  /** The admin API's credentials, named where a client gets one wrong. */
  static final String ADMIN_CREDENTIALS = "the master key (TOLLGATE_MASTER_KEY, or the one the"
      + " server printed at start) or a tenant admin key (sk-tg-…), as"
      + " 'Authorization: Bearer …'";

  private static ApiError missingAdminCredential() {
    return new ApiError(401, "invalid_request_error", "missing_api_key",
        "You didn't provide an admin credential. Send " + ADMIN_CREDENTIALS + ".", null,
        Optional.empty());
  }

  /**
   * Anything not shaped like a key that is not the master key either: most often the master key
   * mistyped or unexpanded ({@code $TOLLGATE_MASTER_KEY} in single quotes), so say what is wanted.
   */
  private static ApiError notAnAdminCredential() {
    return new ApiError(401, "invalid_request_error", "invalid_api_key",
        "This is not the master key, nor a tenant admin key. The admin API takes "
            + ADMIN_CREDENTIALS + ".", null, Optional.empty());
  }

  private Handler guarded(AdminRoute route) {
    return (req, res) -> {
      Optional<String> presented = Credentials.presentedKey(req);
      Actor actor;
      if (presented.isEmpty()) {
        switch (sessions.enter(req).orElse(null)) {
          case null -> {
            Responses.error(res, missingAdminCredential());
            return;
          }
          case SessionDoor.Refused refused -> {
            Responses.error(res, refused.error());
            return;
          }
          case SessionDoor.Admitted admitted -> actor = admitted.actor();
        }
      } else if (masterKey.matches(presented.get())) {
        actor = Actor.platform(MASTER_KEY_ACTOR);
      } else {
        switch (admin.authenticate().authenticate(presented.get())) {
          case AuthenticateAdmin.Refused refused -> {
            Responses.error(res, refused.denial().reason() == DenialReason.MALFORMED_KEY
                ? notAnAdminCredential() : ApiError.of(refused.denial()));
            return;
          }
          case AuthenticateAdmin.Authenticated a -> actor = a.actor();
        }
      }
      try {
        route.handler().handle(new AdminCall(actor, req, res, mapper));
      } catch (BadField e) {
        Responses.error(res, ApiError.invalidRequest(e.getMessage(), e.param()));
      } catch (Bodies.TooLarge e) {
        Responses.error(res, e.toError());
      } catch (IllegalArgumentException e) {
        Responses.error(res, ApiError.invalidRequest("Invalid request: " + e.getMessage(), null));
      }
    };
  }
}
