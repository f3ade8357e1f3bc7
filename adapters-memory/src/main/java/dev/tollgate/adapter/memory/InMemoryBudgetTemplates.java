package dev.tollgate.adapter.memory;

import dev.tollgate.domain.budget.BudgetTemplate;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.BudgetTemplates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Budget templates in memory, by tenant then id; members by their scope's storage key. */
public final class InMemoryBudgetTemplates implements BudgetTemplates {

  private final Map<TenantId, TreeMap<String, BudgetTemplate>> templates = new HashMap<>();
  /** Per tenant: member storage key to (template id, member). */
  private final Map<TenantId, Map<String, Follower>> followers = new HashMap<>();

  private record Follower(String id, Scope member) {}

  @Override
  public synchronized boolean insert(BudgetTemplate template) {
    return templates.computeIfAbsent(template.tenant(), t -> new TreeMap<>())
        .putIfAbsent(template.id(), template) == null;
  }

  @Override
  public synchronized boolean update(BudgetTemplate template) {
    TreeMap<String, BudgetTemplate> own = templates.get(template.tenant());
    if (own == null || !own.containsKey(template.id())) {
      return false;
    }
    own.put(template.id(), template.createdAt(own.get(template.id()).createdAt()));
    return true;
  }

  @Override
  public synchronized Optional<BudgetTemplate> find(TenantId tenant, String id) {
    return Optional.ofNullable(templates.getOrDefault(tenant, new TreeMap<>()).get(id));
  }

  @Override
  public synchronized List<BudgetTemplate> list(TenantId tenant, Optional<String> after,
      int limit) {
    TreeMap<String, BudgetTemplate> own = templates.getOrDefault(tenant, new TreeMap<>());
    return (after.isPresent() ? own.tailMap(after.get(), false) : own).values().stream()
        .limit(limit).toList();
  }

  @Override
  public synchronized void attach(TenantId tenant, String id, Scope member) {
    followers.computeIfAbsent(tenant, t -> new HashMap<>())
        .put(member.storageKey(), new Follower(id, member));
  }

  @Override
  public synchronized Optional<String> templateOf(TenantId tenant, Scope member) {
    return Optional.ofNullable(followers.getOrDefault(tenant, Map.of()).get(member.storageKey()))
        .map(Follower::id);
  }

  @Override
  public synchronized List<Scope> members(TenantId tenant, String id, int limit) {
    List<Scope> out = new ArrayList<>();
    for (Follower f : followers.getOrDefault(tenant, Map.of()).values()) {
      if (f.id().equals(id) && out.size() < limit) {
        out.add(f.member());
      }
    }
    return out;
  }
}
