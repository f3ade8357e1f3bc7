package dev.tollgate.domain.budget;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a budget or a rate limit applies to. {@link #storageKey()} is a stable, unique string for
 * stores: {@code tenant:t1}, {@code team:2:t1:tm1}, {@code key:k1}, {@code key-model:2:k1:gpt-4o}. The
 * length of the first id is part of the two-part forms, because model names contain colons
 * ({@code llama3:8b}) and must not make two scopes collide.
 */
public sealed interface Scope {

  String storageKey();

  record Tenant(TenantId tenant) implements Scope {
    @Override
    public String storageKey() {
      return "tenant:" + tenant.value();
    }
  }

  /** A team inside its tenant: team ids are per tenant, so two tenants' "ml" teams never meet. */
  record Team(TenantId tenant, TeamId team) implements Scope {
    @Override
    public String storageKey() {
      return "team:" + tenant.value().length() + ":" + tenant.value() + ":" + team.value();
    }
  }

  record Key(KeyId key) implements Scope {
    @Override
    public String storageKey() {
      return "key:" + key.value();
    }
  }

  record KeyModel(KeyId key, ModelName model) implements Scope {
    @Override
    public String storageKey() {
      return "key-model:" + key.value().length() + ":" + key.value() + ":" + model.value();
    }
  }

  /** An end user (OpenAI's {@code user}) inside its tenant: LiteLLM's customer budgets. */
  record EndUser(TenantId tenant, EndUserId user) implements Scope {
    @Override
    public String storageKey() {
      return "end-user:" + tenant.value().length() + ":" + tenant.value() + ":" + user.value();
    }
  }

  /**
   * A request tag inside its tenant: a tag budget counts every request of the tenant that carries
   * the tag, whichever key sends it. A request with two tags counts against both.
   */
  record TenantTag(TenantId tenant, Tag tag) implements Scope {
    @Override
    public String storageKey() {
      return "tag:" + tenant.value().length() + ":" + tenant.value() + ":" + tag.value();
    }
  }

  /**
   * One client session of a key (Claude Code's session id): the scope of the key's per-session
   * budget ({@link SessionBudget}). Its budget is never stored: it is the key's template applied
   * to the session, counted by the replica that serves it (docs/economics.md, "Session budgets").
   */
  record Session(KeyId key, SessionId session) implements Scope {
    @Override
    public String storageKey() {
      return "session:" + key.value().length() + ":" + key.value() + ":" + session.value();
    }
  }

  /**
   * The scopes one request of {@code owner}'s key on {@code model} counts against, broadest first:
   * tenant, team (if any), key, key × model. Admission, settlement and the journal's posting all
   * take them from here, so they can never disagree.
   */
  static List<Scope> chainOf(Owner owner, KeyId key, ModelName model) {
    // Built straight into the immutable list: every request asks for it more than once, and the
    // copy from a growing list showed in the durable path's profile (4 % of samples).
    Scope tenant = tenant(owner.tenant());
    return owner.team().isPresent()
        ? List.of(tenant, team(owner.tenant(), owner.team().get()), key(key), keyModel(key, model))
        : List.of(tenant, key(key), keyModel(key, model));
  }

  /**
   * As {@link #chainOf(Owner, KeyId, ModelName)}, then the end user's scope when the request
   * names one: a customer budget counts every key of the tenant the end user calls through.
   */
  static List<Scope> chainOf(Owner owner, KeyId key, ModelName model, Optional<EndUserId> endUser) {
    List<Scope> chain = chainOf(owner, key, model);
    if (endUser.isEmpty()) {
      return chain;
    }
    List<Scope> scopes = new ArrayList<>(chain);
    scopes.add(endUser(owner.tenant(), endUser.get()));
    return List.copyOf(scopes);
  }

  /**
   * As {@link #chainOf(Owner, KeyId, ModelName, Optional)}, then one scope per tag the request
   * carries: a tag budget counts every key of the tenant that tags a request with it.
   */
  static List<Scope> chainOf(Owner owner, KeyId key, ModelName model, Optional<EndUserId> endUser,
      Tags tags) {
    List<Scope> chain = chainOf(owner, key, model, endUser);
    if (tags.isEmpty()) {
      return chain;
    }
    List<Scope> scopes = new ArrayList<>(chain);
    for (Tag t : tags.values()) {
      scopes.add(tag(owner.tenant(), t));
    }
    return List.copyOf(scopes);
  }

  static Scope tag(TenantId tenant, Tag tag) {
    return new TenantTag(tenant, tag);
  }

  static Scope endUser(TenantId tenant, EndUserId user) {
    return new EndUser(tenant, user);
  }

  static Scope session(KeyId key, SessionId session) {
    return new Session(key, session);
  }

  static Scope tenant(TenantId tenant) {
    return new Tenant(tenant);
  }

  static Scope team(TenantId tenant, TeamId team) {
    return new Team(tenant, team);
  }

  static Scope key(KeyId key) {
    return new Key(key);
  }

  static Scope keyModel(KeyId key, ModelName model) {
    return new KeyModel(key, model);
  }
}
