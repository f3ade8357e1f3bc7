package dev.tollgate.service;

import dev.tollgate.port.out.Stores;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ImportReport;
import dev.tollgate.port.in.admin.ManageLimits;
import dev.tollgate.port.in.admin.ManageTenants;
import dev.tollgate.port.in.admin.TenantSpec;
import dev.tollgate.port.out.litellm.LitellmLimits;
import dev.tollgate.port.out.litellm.LitellmSnapshot;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The LiteLLM import, in the order that lets each step find what it needs: models and prices,
 * organizations (as tenants), teams, keys, end users, and last the users Tollgate has no place
 * for. Tenants, teams, budgets and limits go through the admin use cases (same rules, audited as
 * the importing operator); keys, whose hash comes from outside, straight into the key store.
 * Whatever already exists is skipped, and with it its budgets, limits and opening spend: they
 * belong to the run that created it. See docs/migrate-from-litellm.md.
 */
public final class LitellmImporter implements ImportLitellm {

  private final ManageTenants tenants;
  private final ManageLimits limits;
  private final Stores stores;
  private final Clock clock;

  public LitellmImporter(
      ManageTenants tenants, ManageLimits limits, Stores stores, Clock clock) {
    this.tenants = tenants;
    this.limits = limits;
    this.stores = stores;
    this.clock = clock;
  }

  @Override
  public ImportReport run(ImportLitellmCommand command) {
    LitellmSnapshot snapshot = command.source().read();
    return new Run(command, snapshot, clock.instant()).all();
  }

  /** One import's state: what exists or was created so far, and the report. */
  private final class Run {
    private final Actor actor;
    private final LitellmSnapshot snapshot;
    private final LitellmPlacement placement;
    private final ImportLines lines;
    private final LitellmScopeImport scopes;
    private final Instant now;
    private final Set<TenantId> knownTenants = new HashSet<>();
    private final Set<TenantId> refusedTenants = new HashSet<>();
    private final Map<String, Owner> knownTeams = new HashMap<>();

    Run(ImportLitellmCommand command, LitellmSnapshot snapshot, Instant now) {
      this.actor = command.actor();
      this.snapshot = snapshot;
      this.placement = new LitellmPlacement(command.mapping(), snapshot);
      this.lines = new ImportLines(command.dryRun());
      this.scopes = new LitellmScopeImport(limits, stores.budgets(), actor, lines, now);
      this.now = now;
    }

    ImportReport all() {
      snapshot.notes().forEach(n -> lines.note("source", "", "", n));
      LitellmModelImport models = new LitellmModelImport(stores.models(), stores.prices(), lines, now);
      snapshot.models().forEach(models::importModel);
      snapshot.organizations().forEach(this::organization);
      snapshot.teams().forEach(this::team);
      LitellmKeyImport keys = new LitellmKeyImport(stores.keys(), stores.ledger(), scopes, lines, now);
      for (LitellmSnapshot.Key k : snapshot.keys()) {
        key(keys, k);
      }
      snapshot.endUsers().forEach(this::endUser);
      snapshot.users().forEach(this::user);
      return lines.report();
    }

    private void organization(LitellmSnapshot.Organization org) {
      String source = "organization " + org.id();
      Optional<TenantId> tenant;
      try {
        tenant = placement.tenantOf(org);
      } catch (IllegalArgumentException e) {
        lines.skipped("tenant", source, "its id is not a Tollgate tenant id: " + e.getMessage());
        return;
      }
      if (tenant.isEmpty()) {
        if (org.limits().maxBudget().isPresent()) {
          lines.skipped("budget", source, "organizations are not tenants in this mapping;"
              + " its budget has no scope (use --tenants organizations)");
        }
        return;
      }
      if (ensureTenant(tenant.get(), org.alias(), org.models(), org.metadata(), source)) {
        scopes.apply(source, Scope.tenant(tenant.get()), org.limits(), org.spend());
      }
    }

    private void team(LitellmSnapshot.Team team) {
      String source = "team " + team.id();
      Owner owner;
      try {
        owner = placement.ownerOf(team);
      } catch (IllegalArgumentException e) {
        lines.skipped("team", source, "its id is not a Tollgate id: " + e.getMessage());
        return;
      }
      TenantId tenant = owner.tenant();
      TeamId id = owner.team().orElseThrow();
      String name = team.alias().filter(a -> !a.isBlank()).orElse(team.id());
      // A tenant made for this team (teams as tenants: same id) is named after it; a shared
      // default tenant after its id.
      String tenantName = tenant.value().equals(team.id()) ? name : tenant.value();
      ensureTenant(tenant, tenantName, java.util.List.of(), Map.of(), source);
      if (refusedTenants.contains(tenant)) {
        lines.skipped("team", source, "its tenant " + tenant + " could not be created");
        return;
      }
      knownTeams.put(team.id(), owner);
      if (!createTeam(owner, name, team, source)) {
        return;
      }
      scopes.apply(source, Scope.team(tenant, id), team.limits(), team.spend());
      if (!team.models().isEmpty()) {
        lines.note("team", source, tenant + "/" + id, "the team's model list "
            + team.models() + " is not a Tollgate team setting; its keys keep their own lists");
      }
      if (team.blocked()) {
        lines.note("team", source, tenant + "/" + id, "blocked in LiteLLM: its keys are"
            + " imported blocked");
      }
    }

    /** True when the team was created by this run (or would be, dry). */
    private boolean createTeam(Owner owner, String name, LitellmSnapshot.Team team, String source) {
      TenantId tenant = owner.tenant();
      TeamId id = owner.team().orElseThrow();
      String target = tenant + "/" + id;
      if (lines.dryRun()) {
        boolean exists = knownTenants.contains(tenant)
            && tenants.team(actor, tenant, id) instanceof AdminResult.Done<?>;
        if (exists) {
          lines.exists("team", source, target, "already here");
          return false;
        }
        lines.imported("team", source, target, name);
        return true;
      }
      Map<String, String> labels = lines.labels("team", source, Map.of(), team.metadata());
      AdminResult<?> created = tenants.createTeam(actor, tenant, id, name, labels, Optional.empty());
      return switch (created) {
        case AdminResult.Done<?> d -> {
          lines.imported("team", source, target, name);
          yield true;
        }
        case AdminResult.Conflict<?> c -> {
          lines.exists("team", source, target, "already here");
          yield false;
        }
        default -> {
          lines.skipped("team", source, "refused: " + created);
          yield false;
        }
      };
    }

    private void key(LitellmKeyImport keys, LitellmSnapshot.Key k) {
      String source = "key " + k.tokenHash().substring(0, Math.min(12, k.tokenHash().length()));
      if (k.teamId().filter(LitellmKeyImport.UI_SESSION_TEAM::equals).isPresent()) {
        lines.skipped("key", source, "a LiteLLM admin UI session token, not a client's key");
        return;
      }
      Owner owner;
      try {
        owner = k.teamId().map(knownTeams::get).orElseGet(() -> placement.ownerOf(k));
        if (owner == null) { // its team was not importable: the key stays at its tenant
          owner = Owner.tenant(placement.ownerOf(k).tenant());
          lines.note("key", source, "", "its team " + k.teamId().orElseThrow()
              + " was not imported; the key is imported without a team");
        }
      } catch (IllegalArgumentException e) {
        lines.skipped("key", source, "its organization id is not a Tollgate id: " + e.getMessage());
        return;
      }
      ensureTenant(owner.tenant(), owner.tenant().value(), java.util.List.of(), Map.of(), source);
      if (refusedTenants.contains(owner.tenant())) {
        lines.skipped("key", source, "its tenant " + owner.tenant() + " could not be created");
        return;
      }
      boolean teamBlocked = k.teamId().flatMap(t -> snapshot.teams().stream()
          .filter(x -> x.id().equals(t)).findFirst()).map(LitellmSnapshot.Team::blocked)
          .orElse(false);
      keys.importKey(k, owner, teamBlocked);
    }

    private void endUser(LitellmSnapshot.EndUser user) {
      String source = "end_user " + user.id();
      LitellmLimits l = user.limits();
      if (l.maxBudget().isEmpty() && !user.blocked() && l.rpm().isEmpty() && l.tpm().isEmpty()) {
        if (user.spend().signum() > 0) {
          lines.skipped("end_user", source, "no budget in LiteLLM: nothing to enforce (its past"
              + " spend stays in LiteLLM's logs)");
        }
        return;
      }
      Scope scope;
      try {
        scope = Scope.endUser(placement.endUserTenant(), EndUserId.of(user.id()));
      } catch (IllegalArgumentException e) {
        lines.skipped("end_user", source, "its id is not a Tollgate end-user id: " + e.getMessage());
        return;
      }
      TenantId tenant = placement.endUserTenant();
      ensureTenant(tenant, tenant.value(), java.util.List.of(), Map.of(), source);
      if (stores.budgets().budgetOf(scope).isPresent()
          || stores.rates().limitOf(scope, dev.tollgate.domain.rate.RateKind.REQUESTS).isPresent()
          || stores.rates().limitOf(scope, dev.tollgate.domain.rate.RateKind.TOKENS).isPresent()) {
        lines.exists("end_user", source, scope.storageKey(), "its budget or limits are here already");
        return;
      }
      LitellmLimits applied = l;
      if (user.blocked()) { // Tollgate has no end-user block: a zero budget refuses every request
        applied = new LitellmLimits(Optional.of(BigDecimal.ZERO), Optional.empty(),
            Optional.empty(), Optional.empty(), l.tpm(), l.rpm(), l.maxParallelRequests());
        lines.note("end_user", source, scope.storageKey(), "blocked in LiteLLM: imported as a $0"
            + " lifetime budget, which refuses every request naming this end user");
      }
      lines.imported("end_user", source, scope.storageKey(), user.alias().orElse(user.id()));
      scopes.apply(source, scope, applied, user.spend());
    }

    private void user(LitellmSnapshot.User user) {
      LitellmLimits l = user.limits();
      if (l.maxBudget().isEmpty() && l.rpm().isEmpty() && l.tpm().isEmpty()
          && l.maxParallelRequests().isEmpty()) {
        return;
      }
      lines.skipped("user", "user " + user.id(), "Tollgate has no per-user budget or limit;"
          + " the user's keys carry the label litellm_user_id=" + user.id() + " (set key or team"
          + " budgets instead)");
    }

    /**
     * Makes sure the tenant exists (or, dry, would); true only when this run created it, which is
     * when its budget, limits and spend are imported.
     */
    private boolean ensureTenant(TenantId id, String name, java.util.List<String> models,
        Map<String, String> metadata, String source) {
      if (knownTenants.contains(id) || refusedTenants.contains(id)) {
        return false;
      }
      knownTenants.add(id);
      boolean exists = tenants.tenant(actor, id) instanceof AdminResult.Done<?>;
      if (exists) {
        lines.exists("tenant", source, id.value(), "already here");
        return false;
      }
      Set<ModelName> allowed = allowedModels(models, source);
      if (lines.dryRun()) {
        lines.imported("tenant", source, id.value(), name);
        return true;
      }
      Map<String, String> labels = lines.labels("tenant", source, Map.of(), metadata);
      TenantSpec spec = new TenantSpec(truncate(name), labels, allowed, Map.of(), Optional.empty(),
          Optional.empty(), true, NearLimitPolicy.DEFAULT);
      AdminResult<?> created = tenants.createTenant(actor, id, spec, Optional.empty());
      if (created instanceof AdminResult.Done<?>) {
        lines.imported("tenant", source, id.value(), name);
        return true;
      }
      knownTenants.remove(id);
      refusedTenants.add(id);
      lines.skipped("tenant", source, "refused: " + created);
      return false;
    }

    private Set<ModelName> allowedModels(java.util.List<String> models, String source) {
      Set<ModelName> allowed = new LinkedHashSet<>();
      for (String m : models) {
        if (m.startsWith("all-") || m.equals("*")) {
          return Set.of();
        }
        try {
          allowed.add(ModelName.of(m));
        } catch (IllegalArgumentException e) {
          lines.note("tenant", source, "", "model '" + m + "' is not a model name; left out");
        }
      }
      return allowed;
    }

    private static String truncate(String name) {
      String n = name.isBlank() ? "imported" : name;
      return n.length() > 200 ? n.substring(0, 200) : n;
    }
  }
}
