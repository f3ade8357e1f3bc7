package dev.tollgate.app.litellm;

import static dev.tollgate.app.litellm.LitellmRoute.get;
import static dev.tollgate.app.litellm.LitellmRoute.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyFilter;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.in.admin.ReadKeyStatus;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.KeyChanges;
import dev.tollgate.port.in.admin.KeySpec;
import dev.tollgate.port.in.admin.ManageBudgetTemplates;
import dev.tollgate.port.in.admin.ManageKeys.CreatedKey;
import dev.tollgate.service.Administration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /key/*}: LiteLLM's virtual keys over the admin key use cases ({@code ManageKeys}). */
final class KeyEndpoints {

  static final String INFO = "/key/info";

  private final Administration admin;
  private final ManageBudgetTemplates budgets;
  private final Tenancy tenancy;

  KeyEndpoints(Administration admin, ManageBudgetTemplates budgets, Tenancy tenancy) {
    this.admin = admin;
    this.budgets = budgets;
    this.tenancy = tenancy;
  }

  List<LitellmRoute> routes() {
    return List.of(
        post("/key/generate", this::generate),
        get(INFO, this::info),
        post("/key/update", this::update),
        post("/key/delete", this::delete),
        post("/key/block", c -> block(c, true)),
        post("/key/unblock", c -> block(c, false)),
        get("/key/list", new KeyList(admin, budgets, tenancy)::list),
        post("/key/regenerate", this::regenerate));
  }

  private void generate(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(KeyRequest.FIELDS);
    b.refuseUnlessEmpty("key", "Tollgate mints every secret itself; import existing LiteLLM keys"
        + " with 'tollgate import litellm'");
    KeyRequest.refuseUnsupported(b);
    Optional<String> org = b.text("organization_id", 128);
    Optional<TeamId> team = b.text("team_id", 128).map(Tenancy::teamId);
    TenantId tenant = team.isPresent()
        ? tenancy.team(c.actor(), team.get().value(), org).tenant()
        : tenancy.existing(c.actor(), org);
    KeySpec spec = new KeySpec(new Owner(tenant, team), KeyRole.INFERENCE,
        b.text("key_alias", VirtualKey.MAX_ALIAS_LENGTH).orElse(""),
        KeyRequest.models(b).orElse(Set.of()), KeyRequest.expiry(b, c.now()),
        KeyRequest.labels(b, Map.of()).orElse(Map.of()));
    List<LimitFields.Step> steps = new ArrayList<>(LimitFields.plan(admin.limits(), c.actor(), b,
        c.now(), Optional.empty()));
    Optional<String> budgetId = b.text("budget_id", 128);
    CreatedKey created = LitellmError.done(admin.keys().createKey(c.actor(), spec,
        Optional.empty()));
    if (!(created instanceof CreatedKey.Minted minted)) {
      throw new IllegalStateException("a create without an idempotency key always mints");
    }
    KeyId id = minted.key().id();
    try {
      steps.addAll(KeyRequest.perModel(admin.limits(), c.actor(), b, id, c.now()));
      LimitFields.run(steps, Scope.key(id));
      budgetId.ifPresent(bid -> LitellmError.done(
          budgets.follow(c.actor(), tenant, bid, Scope.key(id))));
      if (b.bool("blocked").orElse(false)) {
        LitellmError.done(admin.keys().updateKey(c.actor(), id, KeyChanges.blocked(true)));
      }
    } catch (LitellmError e) {
      admin.keys().deleteKey(c.actor(), id); // all or nothing: no half-configured key
      throw e;
    }
    ObjectNode out = view(c, LitellmError.done(admin.keys().key(c.actor(), id)));
    out.put("key", minted.issued().secret().reveal());
    out.put("token_id", id.value());
    out.put("duration", b.text("duration", 16).orElse(null));
    c.json(out);
  }

  private void info(LitellmCall c) {
    c.onlyQuery(Set.of("key"));
    String ref = c.requiredQuery("key", 512);
    VirtualKey k = resolve(c.actor(), ref);
    ObjectNode out = c.object();
    out.put("key", ref);
    out.set("info", view(c, k));
    c.json(out);
  }

  /** {@code GET /key/info} with an inference key and no {@code key}: the key reads itself. */
  void self(LitellmCall c, String secret) {
    switch (admin.keyStatus().status(secret)) {
      case ReadKeyStatus.Refused r -> throw new LitellmError(401,
          "Authentication error: " + r.denial().message(), null);
      case ReadKeyStatus.Status s -> {
        ObjectNode out = c.object();
        out.put("key", s.status().key().id().value());
        ObjectNode info = KeyView.of(c, s.status().key(), s.status().limits().stream()
            .filter(l -> l.scope().equals(Scope.key(s.status().key().id()))).findFirst()
            .orElseThrow(), Optional.empty());
        info.set("spend", c.usd(s.status().spend().cost()));
        out.set("info", info);
        c.json(out);
      }
    }
  }

  private void update(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(KeyRequest.FIELDS);
    KeyRequest.refuseUnsupported(b);
    VirtualKey k = resolve(c.actor(), b.required("key", 512));
    b.text("team_id", 128).filter(t -> !k.owner().team().map(TeamId::value).orElse("").equals(t))
        .ifPresent(t -> {
          throw LitellmError.badRequest("team_id", "A key cannot move to another team; create a"
              + " key in that team.");
        });
    b.text("organization_id", 128).filter(o -> !o.equals(k.owner().tenant().value()))
        .ifPresent(o -> {
          throw LitellmError.notFound("Organization");
        });
    Scope scope = Scope.key(k.id());
    List<LimitFields.Step> steps = new ArrayList<>(LimitFields.plan(admin.limits(), c.actor(), b,
        c.now(), KeyRequest.budgetOf(LitellmError.done(admin.limits().limits(c.actor(), scope)))));
    steps.addAll(KeyRequest.perModel(admin.limits(), c.actor(), b, k.id(), c.now()));
    KeyChanges changes = new KeyChanges(b.text("key_alias", VirtualKey.MAX_ALIAS_LENGTH),
        KeyRequest.models(b),
        b.has("duration") ? Optional.of(KeyRequest.expiry(b, c.now())) : Optional.empty(),
        KeyRequest.labels(b, k.metadata()), b.bool("blocked"));
    LitellmError.done(admin.keys().updateKey(c.actor(), k.id(), changes));
    LimitFields.run(steps, scope);
    b.text("budget_id", 128).ifPresent(bid -> LitellmError.done(
        budgets.follow(c.actor(), k.owner().tenant(), bid, scope)));
    c.json(view(c, LitellmError.done(admin.keys().key(c.actor(), k.id()))));
  }

  private void delete(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(Set.of("keys", "key_aliases"));
    List<VirtualKey> found = new ArrayList<>();
    for (String ref : b.strings("keys", 512).orElse(List.of())) {
      found.add(resolve(c.actor(), ref));
    }
    for (String alias : b.strings("key_aliases", VirtualKey.MAX_ALIAS_LENGTH).orElse(List.of())) {
      TenantId tenant = tenancy.tenant(c.actor(), Optional.empty());
      List<VirtualKey> match = LitellmError.done(admin.keys().keys(c.actor(), tenant,
          Optional.empty(), new KeyFilter(Optional.of(alias), Optional.empty()), 0, 1000));
      found.add(match.stream().filter(k -> k.alias().equals(alias)).findFirst()
          .orElseThrow(() -> LitellmError.notFound("Key with alias '" + alias + "'")));
    }
    if (found.isEmpty()) {
      throw LitellmError.badRequest("keys", "'keys' or 'key_aliases' is required.");
    }
    ArrayNode deleted = c.array();
    for (VirtualKey k : found) {
      LitellmError.done(admin.keys().deleteKey(c.actor(), k.id()));
      deleted.add(k.id().value());
    }
    ObjectNode out = c.object();
    out.set("deleted_keys", deleted);
    c.json(out);
  }

  private void block(LitellmCall c, boolean blocked) throws Bodies.TooLarge {
    LitellmBody b = c.body(Set.of("key"));
    VirtualKey k = resolve(c.actor(), b.required("key", 512));
    c.json(view(c, LitellmError.done(
        admin.keys().updateKey(c.actor(), k.id(), KeyChanges.blocked(blocked)))));
  }

  /** A new secret; the old one stops now, or after LiteLLM's {@code grace_period}. */
  private void regenerate(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(Set.of("key", "grace_period", "new_key", "key_alias"));
    b.refuseUnlessEmpty("new_key", "Tollgate mints every secret itself");
    VirtualKey k = resolve(c.actor(), b.required("key", 512));
    Duration grace = KeyRequest.expiry(LitellmBody.of(c.object().put("duration",
        b.text("grace_period", 16).orElse("0s")), Set.of("duration")), c.now())
        .map(until -> Duration.between(c.now(), until)).orElse(Duration.ZERO);
    if (b.given("key_alias")) {
      LitellmError.done(admin.keys().updateKey(c.actor(), k.id(), new KeyChanges(
          b.text("key_alias", VirtualKey.MAX_ALIAS_LENGTH), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty())));
    }
    IssuedKey issued = LitellmError.done(admin.keys().rotateKey(c.actor(), k.id(), grace));
    ObjectNode out = view(c, issued.key());
    out.put("key", issued.secret().reveal());
    out.put("token_id", issued.key().id().value());
    c.json(out);
  }

  ObjectNode view(LitellmCall c, VirtualKey k) {
    return KeyView.of(c, k, LitellmError.done(admin.limits().limits(c.actor(), Scope.key(k.id()))),
        budgets.templateOf(c.actor(), k.owner().tenant(), Scope.key(k.id())));
  }

  /**
   * A key named by its secret ({@code sk-…}), LiteLLM's stored hash (64 hex digits, as LiteLLM's
   * own {@code token}) or Tollgate's key id; another tenant's key is "not found".
   */
  VirtualKey resolve(Actor actor, String ref) {
    AdminResult<VirtualKey> found;
    if (ref.startsWith("sk-")) {
      found = admin.keys().keyByHash(actor, new KeyHash(sha256(ref)));
    } else if (ref.length() == 64 && ref.chars().allMatch(ch -> Character.digit(ch, 16) >= 0
        && !Character.isUpperCase(ch))) {
      found = admin.keys().keyByHash(actor, new KeyHash(ref));
    } else {
      try {
        found = admin.keys().key(actor, KeyId.of(ref));
      } catch (IllegalArgumentException e) {
        throw LitellmError.notFound("Key");
      }
    }
    if (found instanceof AdminResult.Done<VirtualKey> d) {
      return d.value();
    }
    throw LitellmError.notFound("Key");
  }

  private static String sha256(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
