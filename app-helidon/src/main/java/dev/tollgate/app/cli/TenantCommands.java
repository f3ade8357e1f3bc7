package dev.tollgate.app.cli;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Metadata;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.NearLimitPolicy.PastSoftBudget;
import dev.tollgate.domain.tenancy.NearLimitPolicy.WhenExhausted;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.TenantSpec;
import dev.tollgate.port.in.admin.TenantView;
import dev.tollgate.port.out.TenantDirectory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate tenants …} and {@code tollgate teams …}. */
final class TenantCommands {

  private TenantCommands() {}

  @Command(name = "tenants", description = "Tenants: the organizations that pay.",
      subcommands = {Create.class, ListTenants.class, Show.class, Update.class, Deactivate.class,
          Activate.class})
  static final class Tenants extends AdminCommand.Group {}

  @Command(name = "teams",
      description = "Teams inside a tenant: keys may belong to one, budgets may cap one.",
      subcommands = {CreateTeam.class, ListTeams.class})
  static final class Teams extends AdminCommand.Group {}

  /** The positional tenant id of the commands on one tenant. */
  abstract static class OnTenant extends AdminCommand {
    @Parameters(index = "0", paramLabel = "<tenant>", description = "the tenant's id")
    TenantId id;

    TenantView current(CliContext ctx) {
      return Outcomes.done(ctx.admin().tenants().tenant(ctx.actor(), id), "tenant '" + id.value() + "'");
    }
  }

  /** What a tenant is: the flags of {@code create} and {@code update}. */
  static final class SpecOptions {
    @Option(names = "--name", paramLabel = "NAME", description = "display name")
    Optional<String> name = Optional.empty();

    @Option(names = "--models", paramLabel = "M1,M2",
        description = "the models the tenant may call (* or empty: every served model)")
    Optional<Parse.Models> models = Optional.empty();

    @Option(names = "--alias", paramLabel = "ALIAS=MODEL",
        description = "a name the tenant may call a model by (replaces all)")
    List<String> aliases;

    @Option(names = "--objective", paramLabel = "NAME",
        description = "inference objective (priority) for the data plane; '' clears")
    Optional<String> objective = Optional.empty();

    @Option(names = "--fairness-id", paramLabel = "ID",
        description = "fairness id for the data plane; '' clears")
    Optional<String> fairnessId = Optional.empty();

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "a label (replaces all labels)")
    List<String> labels;

    @Option(names = "--budget-exhausted", paramLabel = "refuse|clamp", description = "a request the"
        + " budget cannot fully pay: refused, or its max tokens lowered (default refuse)")
    Optional<WhenExhausted> budgetExhausted = Optional.empty();

    @Option(names = "--min-output-tokens", paramLabel = "N",
        description = "the shortest output a clamp may leave (default 64)")
    Optional<Long> minOutputTokens = Optional.empty();

    @Option(names = "--soft-budget", paramLabel = "none|demote",
        description = "past a soft budget: nothing, or the sheddable objective (default none)")
    Optional<PastSoftBudget> softBudget = Optional.empty();

    @Option(names = "--demoted-objective", paramLabel = "NAME", description = "the data plane's"
        + " sheddable objective (default " + NearLimitPolicy.DEFAULT_DEMOTED_OBJECTIVE + ")")
    Optional<String> demotedObjective = Optional.empty();

    @Option(names = "--allowed-tags", paramLabel = "T1,T2",
        description = "the request tags its keys may send ('' or absent on create: any tag)")
    Optional<String> allowedTags = Optional.empty();

    /** The allowed tags over {@code current}: the flag not given keeps them. */
    Set<Tag> allowedTags(Set<Tag> current) {
      if (allowedTags.isEmpty()) {
        return current;
      }
      return UsageError.checked("--allowed-tags", () -> Set.copyOf(
          java.util.Arrays.stream(allowedTags.get().split(",", -1)).map(String::strip)
              .filter(t -> !t.isEmpty()).map(Tag::of).toList()));
    }

    /** The near-limit flags over {@code current}: a flag not given keeps its value. */
    NearLimitPolicy nearLimit(NearLimitPolicy current) {
      return UsageError.checked("--min-output-tokens / --demoted-objective", () -> new NearLimitPolicy(
          budgetExhausted.orElse(current.whenExhausted()),
          minOutputTokens.orElse(current.minOutputTokens()),
          softBudget.orElse(current.pastSoftBudget()),
          demotedObjective.orElse(current.demotedObjective())));
    }

    Optional<Map<String, ModelName>> aliases() {
      if (aliases == null) {
        return Optional.empty();
      }
      return Optional.of(UsageError.checked("--alias", () -> {
        Map<String, ModelName> out = new LinkedHashMap<>();
        Parse.pairs(aliases).forEach((alias, model) -> out.put(alias, ModelName.of(model)));
        return out;
      }));
    }
  }

  @Command(name = "create", description = "create a tenant (--name is required)")
  static final class Create extends OnTenant {
    @Mixin SpecOptions spec;

    @Option(names = "--inactive", description = "create it deactivated")
    boolean inactive;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
        description = "a retried create with this key creates once")
    Optional<String> idempotencyKey = Optional.empty();

    @Override
    void run(CliContext ctx) {
      TenantSpec s = new TenantSpec(
          spec.name.orElseThrow(() -> new UsageError("--name is required")),
          labels(spec.labels),
          spec.models.map(Parse.Models::names).orElse(Set.of()),
          spec.aliases().orElse(Map.of()),
          spec.objective.filter(o -> !o.isEmpty()),
          Optional.of(spec.fairnessId.orElse(id.value())).filter(f -> !f.isEmpty()),
          !inactive,
          spec.nearLimit(NearLimitPolicy.DEFAULT),
          false,
          spec.allowedTags(Set.of()));
      checkName(id, s);
      TenantView view = Outcomes.done(
          ctx.admin().tenants().createTenant(ctx.actor(), id, s, idempotencyKey),
          "tenant '" + id.value() + "'");
      ctx.out().println("Created tenant " + id.value() + ".");
      print(ctx, view);
    }
  }

  @Command(name = "list", description = "list tenants by id")
  static final class ListTenants extends AdminCommand {
    @Option(names = "--after", paramLabel = "TENANT", description = "list tenants after this id")
    Optional<TenantId> after = Optional.empty();

    @Option(names = "--limit", paramLabel = "N", description = "at most N tenants (default 100)")
    int limit = 100;

    @Override
    void run(CliContext ctx) {
      if (limit < 1 || limit > TenantDirectory.MAX_PAGE) {
        throw new UsageError("--limit must be 1.." + TenantDirectory.MAX_PAGE);
      }
      List<TenantView> tenants = ctx.admin().tenants().tenants(ctx.actor(), after, limit);
      Text.table(ctx.out(), List.of("TENANT", "NAME", "ACTIVE", "MODELS", "CREATED"),
          tenants.stream().map(v -> List.of(v.tenant().id().value(), v.tenant().name(),
              Text.yesNo(v.policy().active()), Text.models(v.policy().allowedModels()),
              v.tenant().createdAt().toString())).toList());
    }
  }

  @Command(name = "show", description = "show a tenant and its policy")
  static final class Show extends OnTenant {
    @Override
    void run(CliContext ctx) {
      print(ctx, current(ctx));
    }
  }

  @Command(name = "update", description = "change a tenant; fields without a flag stay as they are")
  static final class Update extends OnTenant {
    @Mixin SpecOptions spec;

    @Override
    void run(CliContext ctx) {
      TenantView current = current(ctx);
      TenantSpec s = new TenantSpec(
          spec.name.orElse(current.tenant().name()),
          spec.labels != null ? labels(spec.labels) : current.tenant().metadata(),
          spec.models.map(Parse.Models::names).orElse(current.policy().allowedModels()),
          spec.aliases().orElse(current.policy().aliases()),
          spec.objective.isPresent() ? spec.objective.filter(o -> !o.isEmpty())
              : current.policy().objective(),
          spec.fairnessId.isPresent() ? spec.fairnessId.filter(f -> !f.isEmpty())
              : current.policy().fairnessId(),
          current.policy().active(),
          spec.nearLimit(current.policy().nearLimit()),
          current.policy().trustedUserHeaders(),
          spec.allowedTags(current.policy().allowedTags()));
      checkName(current.tenant().id(), s);
      save(ctx, current, s, "Updated");
    }
  }

  @Command(name = "deactivate", description = "stop every key of the tenant at once (its data stays)")
  static final class Deactivate extends OnTenant {
    @Override
    void run(CliContext ctx) {
      TenantView current = current(ctx);
      save(ctx, current, specOf(current, false), "Deactivated");
    }
  }

  @Command(name = "activate", description = "let a deactivated tenant's keys work again")
  static final class Activate extends OnTenant {
    @Override
    void run(CliContext ctx) {
      TenantView current = current(ctx);
      save(ctx, current, specOf(current, true), "Activated");
    }
  }

  @Command(name = "create", description = "create a team in a tenant")
  static final class CreateTeam extends AdminCommand {
    @Parameters(index = "0", paramLabel = "<team>", description = "the team's id")
    TeamId id;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "the team's tenant (required)")
    Optional<TenantId> tenant = Optional.empty();

    @Option(names = "--name", paramLabel = "NAME", description = "display name (default: the team id)")
    Optional<String> name = Optional.empty();

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "a label")
    List<String> labels;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
        description = "a retried create with this key creates once")
    Optional<String> idempotencyKey = Optional.empty();

    @Override
    void run(CliContext ctx) {
      TenantId t = tenant.orElseThrow(() -> new UsageError("--tenant is required"));
      String n = name.orElse(id.value());
      Map<String, String> metadata = labels(labels);
      UsageError.checked("--name", () -> new Team(t, id, n, metadata, Instant.EPOCH));
      Team team = Outcomes.done(ctx.admin().tenants().createTeam(ctx.actor(), t, id, n, metadata,
          idempotencyKey), "tenant '" + t.value() + "'");
      ctx.out().println("Created team " + team.id().value() + " in tenant " + t.value() + ".");
    }
  }

  @Command(name = "list", description = "list a tenant's teams by id")
  static final class ListTeams extends AdminCommand {
    @Option(names = "--tenant", paramLabel = "TENANT", description = "the tenant (required)")
    Optional<TenantId> tenant = Optional.empty();

    @Option(names = "--after", paramLabel = "TEAM", description = "list teams after this id")
    Optional<TeamId> after = Optional.empty();

    @Option(names = "--limit", paramLabel = "N", description = "at most N teams (default 100)")
    int limit = 100;

    @Override
    void run(CliContext ctx) {
      TenantId t = tenant.orElseThrow(() -> new UsageError("--tenant is required"));
      if (limit < 1 || limit > TenantDirectory.MAX_PAGE) {
        throw new UsageError("--limit must be 1.." + TenantDirectory.MAX_PAGE);
      }
      List<Team> teams = Outcomes.done(ctx.admin().tenants().teams(ctx.actor(), t, after, limit),
          "tenant '" + t.value() + "'");
      Text.table(ctx.out(), List.of("TEAM", "NAME", "LABELS", "CREATED"),
          teams.stream().map(team -> List.of(team.id().value(), team.name(),
              Text.pairs(team.metadata()), team.createdAt().toString())).toList());
    }
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
        v.policy().nearLimit(), v.policy().trustedUserHeaders(), v.policy().allowedTags());
  }

  /** The domain's rules for a tenant's name, checked before anything is sent. */
  private static void checkName(TenantId id, TenantSpec spec) {
    UsageError.checked("--name", () -> new Tenant(id, spec.name(), spec.metadata(), Instant.EPOCH));
  }

  private static void print(CliContext ctx, TenantView v) {
    Text.fields(ctx.out(), List.of(
        Map.entry("tenant", v.tenant().id().value()),
        Map.entry("name", v.tenant().name()),
        Map.entry("active", Text.yesNo(v.policy().active())),
        Map.entry("models", Text.models(v.policy().allowedModels())),
        Map.entry("aliases", Text.pairs(new TreeMap<>(v.policy().aliases()))),
        Map.entry("objective", v.policy().objective().orElse("-")),
        Map.entry("fairness-id", v.policy().fairnessId().orElse("-")),
        Map.entry("at-limit", lower(v.policy().nearLimit().whenExhausted())
            + (v.policy().nearLimit().clamps()
                ? " (min " + v.policy().nearLimit().minOutputTokens() + " output tokens)" : "")),
        Map.entry("past-soft", lower(v.policy().nearLimit().pastSoftBudget())
            + (v.policy().nearLimit().demotes(true)
                ? " to " + v.policy().nearLimit().demotedObjective() : "")),
        Map.entry("tags", v.policy().allowedTags().isEmpty() ? "any"
            : String.join(",", new java.util.TreeSet<>(
                v.policy().allowedTags().stream().map(Tag::value).toList()))),
        Map.entry("labels", Text.pairs(v.tenant().metadata())),
        Map.entry("created", v.tenant().createdAt().toString())));
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** The {@code --label} values (none: no labels), checked against the metadata bounds. */
  static Map<String, String> labels(List<String> values) {
    return UsageError.checked("--label",
        () -> Metadata.checked(Parse.pairs(values == null ? List.of() : values)));
  }
}
