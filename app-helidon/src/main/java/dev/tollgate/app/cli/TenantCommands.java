package dev.tollgate.app.cli;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.NearLimitPolicy.PastSoftBudget;
import dev.tollgate.domain.tenancy.NearLimitPolicy.WhenExhausted;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.TenantSpec;
import dev.tollgate.port.in.admin.TenantView;
import dev.tollgate.port.out.TenantDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code tollgate tenants …} and {@code tollgate teams …}. */
final class TenantCommands {

  private TenantCommands() {}

  private static final List<Flag> SPEC_FLAGS = List.of(
      Flag.value("name", "NAME", "display name"),
      Flag.value("models", "M1,M2", "the models the tenant may call (* or empty: every served model)"),
      Flag.repeated("alias", "ALIAS=MODEL", "a name the tenant may call a model by (replaces all)"),
      Flag.value("objective", "NAME", "inference objective (priority) for the data plane; '' clears"),
      Flag.value("fairness-id", "ID", "fairness id for the data plane; '' clears"),
      Flag.repeated("label", "NAME=VALUE", "a label (replaces all labels)"),
      Flag.value("budget-exhausted", "refuse|clamp",
          "a request the budget cannot fully pay: refused, or its max tokens lowered (default refuse)"),
      Flag.value("min-output-tokens", "N", "the shortest output a clamp may leave (default 64)"),
      Flag.value("soft-budget", "none|demote",
          "past a soft budget: nothing, or the sheddable objective (default none)"),
      Flag.value("demoted-objective", "NAME",
          "the data plane's sheddable objective (default " + NearLimitPolicy.DEFAULT_DEMOTED_OBJECTIVE
              + ")"));

  static Group tenants() {
    List<Flag> create = new ArrayList<>(SPEC_FLAGS);
    create.add(Flag.toggle("inactive", "create it deactivated"));
    create.add(Flag.value("idempotency-key", "KEY", "a retried create with this key creates once"));
    return new Group("tenants", "Tenants: the organizations that pay.", List.of(
        new Command("create", List.of("tenant"), create, "create a tenant (--name is required)",
            TenantCommands::create),
        new Command("list", List.of(), List.of(
            Flag.value("after", "TENANT", "list tenants after this id"),
            Flag.value("limit", "N", "at most N tenants (default 100)")),
            "list tenants by id", TenantCommands::list),
        new Command("show", List.of("tenant"), List.of(), "show a tenant and its policy",
            (a, ctx) -> print(ctx, tenantOf(a, ctx))),
        new Command("update", List.of("tenant"), SPEC_FLAGS,
            "change a tenant; fields without a flag stay as they are", TenantCommands::update),
        new Command("deactivate", List.of("tenant"), List.of(),
            "stop every key of the tenant at once (its data stays)", (a, ctx) -> active(a, ctx, false)),
        new Command("activate", List.of("tenant"), List.of(),
            "let a deactivated tenant's keys work again", (a, ctx) -> active(a, ctx, true))));
  }

  static Group teams() {
    return new Group("teams", "Teams inside a tenant: keys may belong to one, budgets may cap one.",
        List.of(
            new Command("create", List.of("team"), List.of(
                Flag.value("tenant", "TENANT", "the team's tenant (required)"),
                Flag.value("name", "NAME", "display name (default: the team id)"),
                Flag.repeated("label", "NAME=VALUE", "a label"),
                Flag.value("idempotency-key", "KEY", "a retried create with this key creates once")),
                "create a team in a tenant", TenantCommands::createTeam),
            new Command("list", List.of(), List.of(
                Flag.value("tenant", "TENANT", "the tenant (required)"),
                Flag.value("after", "TEAM", "list teams after this id"),
                Flag.value("limit", "N", "at most N teams (default 100)")),
                "list a tenant's teams by id", TenantCommands::listTeams)));
  }

  private static void create(Args a, CliContext ctx) {
    TenantId id = a.positional(0, TenantId::of, "tenant");
    TenantSpec spec = new TenantSpec(
        a.required("name", s -> s),
        labels(a),
        a.get("models", Parse::models).orElse(java.util.Set.of()),
        aliases(a).orElse(Map.of()),
        a.value("objective").filter(s -> !s.isEmpty()),
        Optional.of(a.value("fairness-id").orElse(id.value())).filter(s -> !s.isEmpty()),
        !a.has("inactive"),
        nearLimit(a, NearLimitPolicy.DEFAULT));
    checkName(id, spec);
    TenantView view = Outcomes.done(
        ctx.admin().tenants().createTenant(ctx.actor(), id, spec, a.value("idempotency-key")),
        "tenant '" + id.value() + "'");
    ctx.out().println("Created tenant " + id.value() + ".");
    print(ctx, view);
  }

  private static void list(Args a, CliContext ctx) {
    int limit = a.get("limit", Integer::parseInt).orElse(100);
    if (limit < 1 || limit > TenantDirectory.MAX_PAGE) {
      throw new UsageError("--limit must be 1.." + TenantDirectory.MAX_PAGE);
    }
    List<TenantView> tenants =
        ctx.admin().tenants().tenants(ctx.actor(), a.get("after", TenantId::of), limit);
    Text.table(ctx.out(), List.of("TENANT", "NAME", "ACTIVE", "MODELS", "CREATED"),
        tenants.stream().map(v -> List.of(v.tenant().id().value(), v.tenant().name(),
            Text.yesNo(v.policy().active()), Text.models(v.policy().allowedModels()),
            v.tenant().createdAt().toString())).toList());
  }

  private static void update(Args a, CliContext ctx) {
    TenantView current = tenantOf(a, ctx);
    TenantSpec spec = new TenantSpec(
        a.value("name").orElse(current.tenant().name()),
        a.has("label") ? labels(a) : current.tenant().metadata(),
        a.get("models", Parse::models).orElse(current.policy().allowedModels()),
        aliases(a).orElse(current.policy().aliases()),
        a.has("objective") ? a.value("objective").filter(s -> !s.isEmpty())
            : current.policy().objective(),
        a.has("fairness-id") ? a.value("fairness-id").filter(s -> !s.isEmpty())
            : current.policy().fairnessId(),
        current.policy().active(),
        nearLimit(a, current.policy().nearLimit()));
    checkName(current.tenant().id(), spec);
    save(ctx, current, spec, "Updated");
  }

  private static void active(Args a, CliContext ctx, boolean active) {
    TenantView current = tenantOf(a, ctx);
    TenantSpec spec = specOf(current, active);
    save(ctx, current, spec, active ? "Activated" : "Deactivated");
  }

  private static void save(CliContext ctx, TenantView current, TenantSpec spec, String verb) {
    TenantId id = current.tenant().id();
    TenantView view = Outcomes.done(ctx.admin().tenants().updateTenant(ctx.actor(), id, spec),
        "tenant '" + id.value() + "'");
    ctx.out().println(verb + " tenant " + id.value() + ".");
    print(ctx, view);
  }

  private static TenantSpec specOf(TenantView v, boolean active) {
    return new TenantSpec(v.tenant().name(), v.tenant().metadata(), v.policy().allowedModels(),
        v.policy().aliases(), v.policy().objective(), v.policy().fairnessId(), active,
        v.policy().nearLimit());
  }

  /** The near-limit flags over {@code current}: a flag not given keeps its value. */
  private static NearLimitPolicy nearLimit(Args a, NearLimitPolicy current) {
    WhenExhausted exhausted = a.get("budget-exhausted", v -> choice(v, WhenExhausted.class))
        .orElse(current.whenExhausted());
    long minOutput = a.get("min-output-tokens", Long::parseLong).orElse(current.minOutputTokens());
    PastSoftBudget soft = a.get("soft-budget", v -> choice(v, PastSoftBudget.class))
        .orElse(current.pastSoftBudget());
    String objective = a.value("demoted-objective").orElse(current.demotedObjective());
    return Args.converted("--min-output-tokens / --demoted-objective", objective,
        o -> new NearLimitPolicy(exhausted, minOutput, soft, o));
  }

  private static <E extends Enum<E>> E choice(String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException("must be one of " + java.util.Arrays.stream(
        type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
  }

  private static TenantView tenantOf(Args a, CliContext ctx) {
    TenantId id = a.positional(0, TenantId::of, "tenant");
    return Outcomes.done(ctx.admin().tenants().tenant(ctx.actor(), id), "tenant '" + id.value() + "'");
  }

  /** The domain's rules for a tenant's name, checked before anything is sent. */
  private static void checkName(TenantId id, TenantSpec spec) {
    Args.converted("--name", spec.name(),
        n -> new Tenant(id, n, spec.metadata(), Instant.EPOCH));
  }

  private static void print(CliContext ctx, TenantView v) {
    Text.fields(ctx.out(), List.of(
        Map.entry("tenant", v.tenant().id().value()),
        Map.entry("name", v.tenant().name()),
        Map.entry("active", Text.yesNo(v.policy().active())),
        Map.entry("models", Text.models(v.policy().allowedModels())),
        Map.entry("aliases", Text.pairs(new java.util.TreeMap<>(v.policy().aliases()))),
        Map.entry("objective", v.policy().objective().orElse("-")),
        Map.entry("fairness-id", v.policy().fairnessId().orElse("-")),
        Map.entry("at-limit", lower(v.policy().nearLimit().whenExhausted())
            + (v.policy().nearLimit().clamps()
                ? " (min " + v.policy().nearLimit().minOutputTokens() + " output tokens)" : "")),
        Map.entry("past-soft", lower(v.policy().nearLimit().pastSoftBudget())
            + (v.policy().nearLimit().demotes(true)
                ? " to " + v.policy().nearLimit().demotedObjective() : "")),
        Map.entry("labels", Text.pairs(v.tenant().metadata())),
        Map.entry("created", v.tenant().createdAt().toString())));
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static void createTeam(Args a, CliContext ctx) {
    TeamId id = a.positional(0, TeamId::of, "team");
    TenantId tenant = a.required("tenant", TenantId::of);
    String name = a.value("name").orElse(id.value());
    Map<String, String> labels = labels(a);
    Args.converted("--name", name, n -> new Team(tenant, id, n, labels, Instant.EPOCH));
    Team team = Outcomes.done(ctx.admin().tenants().createTeam(ctx.actor(), tenant, id,
            name, labels, a.value("idempotency-key")),
        "tenant '" + tenant.value() + "'");
    ctx.out().println("Created team " + team.id().value() + " in tenant " + tenant.value() + ".");
  }

  private static void listTeams(Args a, CliContext ctx) {
    TenantId tenant = a.required("tenant", TenantId::of);
    int limit = a.get("limit", Integer::parseInt).orElse(100);
    if (limit < 1 || limit > TenantDirectory.MAX_PAGE) {
      throw new UsageError("--limit must be 1.." + TenantDirectory.MAX_PAGE);
    }
    List<Team> teams = Outcomes.done(ctx.admin().tenants().teams(
        ctx.actor(), tenant, a.get("after", TeamId::of), limit), "tenant '" + tenant.value() + "'");
    Text.table(ctx.out(), List.of("TEAM", "NAME", "LABELS", "CREATED"),
        teams.stream().map(t -> List.of(t.id().value(), t.name(), Text.pairs(t.metadata()),
            t.createdAt().toString())).toList());
  }

  /** The {@code --label} flags, checked against the metadata bounds. */
  static Map<String, String> labels(Args a) {
    return Args.converted("--label", "", s ->
        dev.tollgate.domain.tenancy.Metadata.checked(Parse.pairs(a.values("label"))));
  }

  private static Optional<Map<String, ModelName>> aliases(Args a) {
    if (!a.has("alias")) {
      return Optional.empty();
    }
    return Optional.of(Args.converted("--alias", "", s -> {
      Map<String, ModelName> out = new java.util.LinkedHashMap<>();
      Parse.pairs(a.values("alias")).forEach((alias, model) -> out.put(alias, ModelName.of(model)));
      return out;
    }));
  }
}
