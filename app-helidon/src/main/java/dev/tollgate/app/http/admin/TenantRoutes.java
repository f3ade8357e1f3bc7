package dev.tollgate.app.http.admin;

import static dev.tollgate.app.http.admin.AdminRoute.delete;
import static dev.tollgate.app.http.admin.AdminRoute.get;
import static dev.tollgate.app.http.admin.AdminRoute.patch;
import static dev.tollgate.app.http.admin.AdminRoute.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Metadata;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageTenants;
import dev.tollgate.port.in.admin.TenantSpec;
import dev.tollgate.port.in.admin.TenantView;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /admin/v1/tenants} and their teams. */
final class TenantRoutes {

  private static final Set<String> TENANT_FIELDS = java.util.stream.Stream.concat(
      Set.of("id", "name", "metadata", "models", "aliases", "objective", "fairness_id", "active",
          "trusted_user_headers", "allowed_tags")
          .stream(), NearLimitFields.NAMES.stream()).collect(java.util.stream.Collectors.toSet());
  private static final Set<String> TEAM_FIELDS = Set.of("id", "name", "metadata");

  private final ManageTenants tenants;
  private final AdminJson json;

  TenantRoutes(ManageTenants tenants, AdminJson json) {
    this.tenants = tenants;
    this.json = json;
  }

  List<AdminRoute> routes() {
    String t = "/admin/v1/tenants";
    return List.of(
        post(t, this::createTenant),
        get(t, this::listTenants),
        get(t + "/{tenant}", c -> c.reply(tenants.tenant(c.actor(), tenant(c)), 200, json::tenant)),
        patch(t + "/{tenant}", this::updateTenant),
        delete(t + "/{tenant}",
            c -> c.reply(tenants.deleteTenant(c.actor(), tenant(c)), 200, json::tenant)),
        post(t + "/{tenant}/teams", this::createTeam),
        get(t + "/{tenant}/teams", this::listTeams),
        get(t + "/{tenant}/teams/{team}",
            c -> c.reply(tenants.team(c.actor(), tenant(c), team(c)), 200, json::team)),
        patch(t + "/{tenant}/teams/{team}", this::updateTeam),
        delete(t + "/{tenant}/teams/{team}",
            c -> c.reply(tenants.deleteTeam(c.actor(), tenant(c), team(c)), 200, json::team)));
  }

  private void createTenant(AdminCall c) throws Bodies.TooLarge {
    JsonBody body = c.body(TENANT_FIELDS);
    TenantId id = Fields.tenant("id", body.text("id", 128));
    TenantSpec spec = spec(body, Optional.empty());
    c.reply(tenants.createTenant(c.actor(), id, spec, Idempotency.key(c)), 201, json::tenant);
  }

  private void listTenants(AdminCall c) {
    Optional<TenantId> after = c.query("after", 128).map(a -> Fields.tenant("after", a));
    int limit = c.limit();
    List<TenantView> page = tenants.tenants(c.actor(), after, limit + 1);
    ArrayNode data = json.array();
    page.stream().limit(limit).forEach(v -> data.add(json.tenant(v)));
    c.json(200, json.list(data, page.size() > limit));
  }

  private void updateTenant(AdminCall c) throws Bodies.TooLarge {
    TenantId id = tenant(c);
    JsonBody body = c.body(TENANT_FIELDS);
    if (body.has("id")) {
      throw new BadField("id", "A tenant's id cannot change.");
    }
    AdminResult<TenantView> current = tenants.tenant(c.actor(), id);
    if (!(current instanceof AdminResult.Done<TenantView> done)) {
      c.reply(current, 200, json::tenant);
      return;
    }
    c.reply(tenants.updateTenant(c.actor(), id, spec(body, Optional.of(done.value()))), 200,
        json::tenant);
  }

  /** The spec from a body; on update, an absent field keeps {@code current}'s value. */
  private static TenantSpec spec(JsonBody body, Optional<TenantView> current) {
    Optional<TenantPolicy> policy = current.map(TenantView::policy);
    String name = body.optionalText("name", 200)
        .or(() -> current.map(v -> v.tenant().name()))
        .orElseThrow(() -> new BadField("name", "'name' is required."));
    Map<String, String> metadata = body.optionalStringMap("metadata", Metadata.MAX_ENTRIES)
        .map(m -> Fields.metadata("metadata", m))
        .or(() -> current.map(v -> v.tenant().metadata())).orElse(Map.of());
    Set<ModelName> models = body.optionalModels("models")
        .or(() -> policy.map(TenantPolicy::allowedModels)).orElse(Set.of());
    Map<String, ModelName> aliases = body.optionalStringMap("aliases", TenantPolicy.MAX_ALIASES)
        .map(TenantRoutes::aliases).or(() -> policy.map(TenantPolicy::aliases)).orElse(Map.of());
    Optional<String> objective = body.has("objective")
        ? body.optionalText("objective", 253) : policy.flatMap(TenantPolicy::objective);
    Optional<String> fairness = body.has("fairness_id")
        ? body.optionalText("fairness_id", 253) : policy.flatMap(TenantPolicy::fairnessId);
    boolean active = body.optionalBoolean("active")
        .or(() -> policy.map(TenantPolicy::active)).orElse(true);
    NearLimitPolicy nearLimit = NearLimitFields.parse(body,
        policy.map(TenantPolicy::nearLimit).orElse(NearLimitPolicy.DEFAULT));
    boolean trustsHeaders = body.optionalBoolean("trusted_user_headers")
        .or(() -> policy.map(TenantPolicy::trustedUserHeaders)).orElse(false);
    Set<Tag> allowedTags = body.optionalStrings("allowed_tags", TenantPolicy.MAX_ALLOWED_TAGS)
        .map(TenantRoutes::tags).or(() -> policy.map(TenantPolicy::allowedTags)).orElse(Set.of());
    return Fields.parse("name", name, n -> new TenantSpec(n, metadata, models, aliases, objective,
        fairness, active, nearLimit, trustsHeaders, allowedTags));
  }

  private static Set<Tag> tags(List<String> raw) {
    Set<Tag> out = new LinkedHashSet<>();
    for (String t : raw) {
      if (!Tag.valid(t)) {
        throw new BadField("allowed_tags", "'allowed_tags' lists tags: each 1.." + Tag.MAX_LENGTH
            + " characters of letters, digits and - _ . : @ =.");
      }
      out.add(Tag.of(t));
    }
    return out;
  }

  private static Map<String, ModelName> aliases(Map<String, String> raw) {
    Map<String, ModelName> out = new LinkedHashMap<>();
    raw.forEach((alias, target) -> {
      if (alias.isEmpty() || alias.length() > 256) {
        throw new BadField("aliases", "Alias names are 1..256 characters.");
      }
      out.put(alias, Fields.model("aliases." + alias, target));
    });
    return out;
  }

  private void createTeam(AdminCall c) throws Bodies.TooLarge {
    TenantId tenant = tenant(c);
    JsonBody body = c.body(TEAM_FIELDS);
    TeamId id = Fields.team("id", body.text("id", 128));
    String name = body.optionalText("name", Team.MAX_NAME_LENGTH).orElse(id.value());
    Map<String, String> metadata = body.optionalStringMap("metadata", Metadata.MAX_ENTRIES)
        .map(m -> Fields.metadata("metadata", m)).orElse(Map.of());
    c.reply(tenants.createTeam(c.actor(), tenant, id, name, metadata, Idempotency.key(c)), 201,
        json::team);
  }

  private void listTeams(AdminCall c) {
    Optional<TeamId> after = c.query("after", 128).map(a -> Fields.team("after", a));
    int limit = c.limit();
    AdminResult<List<Team>> page = tenants.teams(c.actor(), tenant(c), after, limit + 1);
    c.reply(page, 200, teams -> {
      ArrayNode data = json.array();
      teams.stream().limit(limit).forEach(t -> data.add(json.team(t)));
      return json.list(data, teams.size() > limit);
    });
  }

  private void updateTeam(AdminCall c) throws Bodies.TooLarge {
    JsonBody body = c.body(TEAM_FIELDS);
    if (body.has("id")) {
      throw new BadField("id", "A team's id cannot change.");
    }
    AdminResult<Team> current = tenants.team(c.actor(), tenant(c), team(c));
    if (!(current instanceof AdminResult.Done<Team> done)) {
      c.reply(current, 200, json::team);
      return;
    }
    String name = body.optionalText("name", Team.MAX_NAME_LENGTH).orElse(done.value().name());
    Map<String, String> metadata = body.optionalStringMap("metadata", Metadata.MAX_ENTRIES)
        .map(m -> Fields.metadata("metadata", m)).orElse(done.value().metadata());
    c.reply(tenants.updateTeam(c.actor(), tenant(c), team(c), name, metadata), 200, json::team);
  }

  static TenantId tenant(AdminCall c) {
    return Fields.tenant("tenant", c.path("tenant"));
  }

  static TeamId team(AdminCall c) {
    return Fields.team("team", c.path("team"));
  }
}
