package dev.tollgate.app.litellm;

import static dev.tollgate.app.litellm.LitellmRoute.get;
import static dev.tollgate.app.litellm.LitellmRoute.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Metadata;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.ScopeLimits;
import dev.tollgate.service.Administration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code /team/*}: a LiteLLM team is a team of its organization's tenant (the default tenant when
 * it has none), as the LiteLLM import maps it; its budget and limits are the team scope's.
 */
final class TeamEndpoints {

  static final Set<String> FIELDS;

  static {
    Set<String> f = new HashSet<>(LimitFields.FIELDS);
    f.addAll(Set.of("team_id", "team_alias", "organization_id", "models", "metadata", "blocked",
        "tags", "guardrails", "prompts", "team_member_permissions", "model_aliases",
        "model_rpm_limit", "model_tpm_limit", "router_settings", "tpm_limit_type",
        "rpm_limit_type", "team_member_budget", "team_member_rpm_limit", "team_member_tpm_limit",
        "members_with_roles", "object_permission", "admins", "members"));
    FIELDS = Set.copyOf(f);
  }

  private final Administration admin;
  private final Tenancy tenancy;
  private final RandomGenerator random;

  TeamEndpoints(Administration admin, Tenancy tenancy, RandomGenerator random) {
    this.admin = admin;
    this.tenancy = tenancy;
    this.random = random;
  }

  List<LitellmRoute> routes() {
    return List.of(
        post("/team/new", this::create),
        get("/team/info", this::info),
        post("/team/update", this::update),
        post("/team/delete", this::delete),
        get("/team/list", this::list));
  }

  private void create(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(FIELDS);
    refuseUnsupported(b);
    TenantId tenant = tenancy.existing(c.actor(), b.text("organization_id", 128));
    TeamId id = Tenancy.teamId(b.text("team_id", 128).orElseGet(this::newId));
    var steps = LimitFields.plan(admin.limits(), c.actor(), b, c.now(), Optional.empty());
    Team team = LitellmError.done(admin.tenants().createTeam(c.actor(), tenant, id,
        b.text("team_alias", Team.MAX_NAME_LENGTH).orElse(id.value()),
        labels(b, Map.of()), Optional.empty()));
    try {
      LimitFields.run(steps, Scope.team(tenant, id));
    } catch (LitellmError e) {
      admin.tenants().deleteTeam(c.actor(), tenant, id); // all or nothing
      throw e;
    }
    c.json(view(c, team));
  }

  private void info(LitellmCall c) {
    c.onlyQuery(Set.of("team_id", "organization_id"));
    Team team = tenancy.team(c.actor(), c.requiredQuery("team_id", 128),
        c.query("organization_id", 128));
    ObjectNode out = c.object();
    out.put("team_id", team.id().value());
    out.set("team_info", view(c, team));
    ArrayNode keys = out.putArray("keys");
    for (VirtualKey k : LitellmError.done(admin.keys().keys(c.actor(), team.tenant(),
        Optional.of(team.id()), 0, 100))) {
      keys.add(c.object().put("token", k.id().value()).put("key_alias", k.alias())
          .put("key_name", k.hint().replace("…", "...")));
    }
    out.putArray("team_memberships");
    c.json(out);
  }

  private void update(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(FIELDS);
    refuseUnsupported(b);
    Team team = tenancy.team(c.actor(), b.required("team_id", 128), b.text("organization_id",
        128));
    Scope scope = Scope.team(team.tenant(), team.id());
    var steps = LimitFields.plan(admin.limits(), c.actor(), b, c.now(),
        LitellmError.done(admin.limits().limits(c.actor(), scope)).budget().map(s -> s.budget()));
    Team changed = LitellmError.done(admin.tenants().updateTeam(c.actor(), team.tenant(),
        team.id(), b.text("team_alias", Team.MAX_NAME_LENGTH).orElse(team.name()),
        labels(b, team.metadata())));
    LimitFields.run(steps, scope);
    c.json(view(c, changed));
  }

  private void delete(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(Set.of("team_ids"));
    List<String> ids = b.strings("team_ids", 128).filter(l -> !l.isEmpty())
        .orElseThrow(() -> LitellmError.badRequest("team_ids", "'team_ids' is required."));
    ArrayNode deleted = c.array();
    for (String id : ids) {
      Team team = tenancy.team(c.actor(), id, Optional.empty());
      LitellmError.done(admin.tenants().deleteTeam(c.actor(), team.tenant(), team.id()));
      deleted.add(id);
    }
    c.json(c.object().set("deleted_teams", deleted));
  }

  private void list(LitellmCall c) {
    c.onlyQuery(Set.of("organization_id"));
    TenantId tenant = tenancy.tenant(c.actor(), c.query("organization_id", 128));
    ArrayNode out = c.array();
    for (Team t : LitellmError.done(admin.tenants().teams(c.actor(), tenant, Optional.empty(),
        1000))) {
      out.add(view(c, t));
    }
    c.json(out);
  }

  private ObjectNode view(LitellmCall c, Team t) {
    ObjectNode n = c.object();
    n.put("team_id", t.id().value());
    n.put("team_alias", t.name());
    n.put("organization_id", t.tenant().value());
    ObjectNode metadata = n.putObject("metadata");
    t.metadata().entrySet().stream().filter(e -> !e.getKey().startsWith(KeyRequest.RESERVED_PREFIX))
        .sorted(Map.Entry.comparingByKey()).forEach(e -> metadata.put(e.getKey(), e.getValue()));
    n.putArray("models");
    n.put("blocked", false);
    n.put("created_at", t.createdAt().toString());
    ScopeLimits limits = LitellmError.done(admin.limits().limits(c.actor(),
        Scope.team(t.tenant(), t.id())));
    LimitFields.view(c, limits, Optional.ofNullable(t.metadata().get(KeyRequest.DURATION_LABEL)),
        n);
    return n;
  }

  private static void refuseUnsupported(LitellmBody b) {
    KeyRequest.models(b).filter(m -> !m.isEmpty()).ifPresent(m -> {
      throw LitellmError.badRequest("models", "A team's model list is not supported: Tollgate"
          + " restricts models per tenant and per key (set 'models' on the team's keys).");
    });
    b.refuseUnlessEmpty("blocked", "a team cannot be blocked; block its keys");
    for (String f : List.of("guardrails", "prompts", "model_aliases", "model_rpm_limit",
        "model_tpm_limit", "router_settings", "team_member_budget", "team_member_rpm_limit",
        "team_member_tpm_limit", "object_permission")) {
      b.refuseUnlessEmpty(f, "it has no Tollgate equivalent");
    }
    for (String f : List.of("tpm_limit_type", "rpm_limit_type")) {
      b.text(f, 32).filter(t -> !Set.of("key", "best_effort_throughput", "guaranteed_throughput")
          .contains(t)).ifPresent(t -> {
            throw LitellmError.badRequest(f, "'" + f + "' " + t + " is not supported.");
          });
    }
  }

  /** The team's labels: its {@code metadata} (non-strings as JSON) and the duration as written. */
  private static Map<String, String> labels(LitellmBody b, Map<String, String> kept) {
    Map<String, String> out = new HashMap<>();
    if (b.has("metadata")) {
      for (Map.Entry<String, JsonNode> e : b.object("metadata", Metadata.MAX_ENTRIES).entrySet()) {
        if (e.getKey().startsWith(KeyRequest.RESERVED_PREFIX)) {
          throw LitellmError.badRequest("metadata", "Metadata names starting with '"
              + KeyRequest.RESERVED_PREFIX + "' are Tollgate's own.");
        }
        out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
            : e.getValue().toString());
      }
    } else {
      kept.forEach((k, v) -> {
        if (!k.startsWith(KeyRequest.RESERVED_PREFIX)) {
          out.put(k, v);
        }
      });
    }
    (b.has("budget_duration") ? b.text("budget_duration", 16)
        : Optional.ofNullable(kept.get(KeyRequest.DURATION_LABEL)))
        .ifPresent(d -> out.put(KeyRequest.DURATION_LABEL, d));
    try {
      return Metadata.checked(out);
    } catch (IllegalArgumentException e) {
      throw LitellmError.badRequest("metadata", "Invalid metadata: " + e.getMessage());
    }
  }

  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
