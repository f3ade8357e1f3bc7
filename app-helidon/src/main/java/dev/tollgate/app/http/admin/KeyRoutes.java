package dev.tollgate.app.http.admin;

import static dev.tollgate.app.http.admin.AdminRoute.delete;
import static dev.tollgate.app.http.admin.AdminRoute.get;
import static dev.tollgate.app.http.admin.AdminRoute.patch;
import static dev.tollgate.app.http.admin.AdminRoute.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Metadata;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.KeyChanges;
import dev.tollgate.port.in.admin.KeySpec;
import dev.tollgate.port.in.admin.ManageKeys;
import dev.tollgate.port.in.admin.ManageKeys.CreatedKey;
import dev.tollgate.port.in.admin.ScopeLimits;
import dev.tollgate.domain.key.KeyFilter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/v1/keys}: the secret is in the create and rotate answers only. A create may carry
 * the key's own budget and limits ({@code budget}, {@code rpm}, {@code tpm},
 * {@code max_parallel}), applied as {@code PUT …/limits} would.
 */
final class KeyRoutes {

  private static final Set<String> KEY_FIELDS =
      Set.of("alias", "models", "expires_at", "metadata", "blocked");
  private static final Set<String> CREATE_FIELDS;
  private static final Set<String> UPDATE_FIELDS;

  static {
    Set<String> fields = new HashSet<>(KEY_FIELDS);
    fields.addAll(Set.of("tenant", "team", "role"));
    fields.addAll(LimitRoutes.FIELDS);
    fields.remove("blocked");
    CREATE_FIELDS = Set.copyOf(fields);
    Set<String> update = new HashSet<>(KEY_FIELDS);
    update.addAll(LimitRoutes.FIELDS);
    UPDATE_FIELDS = Set.copyOf(update);
  }

  private final ManageKeys keys;
  private final LimitRoutes limits;
  private final AdminJson json;

  KeyRoutes(ManageKeys keys, LimitRoutes limits, AdminJson json) {
    this.keys = keys;
    this.limits = limits;
    this.json = json;
  }

  List<AdminRoute> routes() {
    String k = "/admin/v1/keys";
    return List.of(
        post(k, this::create),
        get(k, this::list),
        get(k + "/{key}", c -> c.reply(keys.key(c.actor(), id(c)), 200, json::key)),
        patch(k + "/{key}", this::update),
        delete(k + "/{key}", c -> c.reply(keys.deleteKey(c.actor(), id(c)), 200, json::key)),
        post(k + "/{key}/rotate", this::rotate),
        post(k + "/{key}/block", c -> c.reply(
            keys.updateKey(c.actor(), id(c), KeyChanges.blocked(true)), 200, json::key)),
        post(k + "/{key}/unblock", c -> c.reply(
            keys.updateKey(c.actor(), id(c), KeyChanges.blocked(false)), 200, json::key)));
  }

  private void create(AdminCall c) throws Bodies.TooLarge {
    JsonBody body = c.body(CREATE_FIELDS);
    TenantId tenant = body.optionalText("tenant", 128).map(t -> Fields.tenant("tenant", t))
        .or(() -> c.actor().tenant())
        .orElseThrow(() -> new BadField("tenant", "'tenant' is required."));
    Optional<TeamId> team = body.optionalText("team", 128).map(t -> Fields.team("team", t));
    KeyRole role = body.optionalText("role", 32).map(KeyRoutes::role).orElse(KeyRole.INFERENCE);
    KeySpec spec = Fields.parse("alias", body, b -> new KeySpec(new Owner(tenant, team), role,
        b.optionalText("alias", VirtualKey.MAX_ALIAS_LENGTH).orElse(""),
        b.optionalModels("models").orElse(Set.of()),
        b.optionalInstant("expires_at"),
        b.optionalStringMap("metadata", Metadata.MAX_ENTRIES)
            .map(m -> Fields.metadata("metadata", m)).orElse(Map.of())));
    List<LimitRoutes.Plan> plan = limits.plan(c.actor(), body);
    AdminResult<CreatedKey> created = keys.createKey(c.actor(), spec, Idempotency.key(c));
    if (created instanceof AdminResult.Done<CreatedKey> done
        && done.value() instanceof CreatedKey.Minted minted) {
      AdminResult<ScopeLimits> applied =
          limits.run(c.actor(), Scope.key(minted.key().id()), plan);
      if (!(applied instanceof AdminResult.Done<ScopeLimits>)) {
        keys.deleteKey(c.actor(), minted.key().id()); // all or nothing: no half-configured key
        c.reply(applied, 201, x -> json.object());
        return;
      }
    }
    int status = created instanceof AdminResult.Done<CreatedKey> d
        && d.value() instanceof CreatedKey.Replayed ? 200 : 201;
    c.reply(created, status, this::created);
  }

  private ObjectNode created(CreatedKey created) {
    ObjectNode n = json.key(created.key());
    switch (created) {
      case CreatedKey.Minted m -> n.put("key", m.issued().secret().reveal());
      case CreatedKey.Replayed r -> n.put("replayed", true).put("key", (String) null);
    }
    return n;
  }

  private void list(AdminCall c) {
    TenantId tenant = c.query("tenant", 128).map(t -> Fields.tenant("tenant", t))
        .or(() -> c.actor().tenant())
        .orElseThrow(() -> new BadField("tenant", "'tenant' is required."));
    Optional<TeamId> team = c.query("team", 128).map(t -> Fields.team("team", t));
    KeyFilter filter = new KeyFilter(c.query("q", KeyFilter.MAX_TEXT),
        c.query("status", 16).map(KeyRoutes::state));
    int limit = c.limit();
    int offset = c.offset();
    c.reply(keys.keys(c.actor(), tenant, team, filter, offset, Math.min(limit + 1, 1000)), 200,
        page -> {
      ArrayNode data = json.array();
      page.stream().limit(limit).forEach(k -> data.add(json.key(k)));
      ObjectNode list = json.list(data, page.size() > limit);
      if (page.size() > limit) {
        list.put("next_offset", offset + limit);
      }
      return list;
    });
  }

  /** Changes the key's attributes and, if named, its own budget and limits (as PUT …/limits). */
  private void update(AdminCall c) throws Bodies.TooLarge {
    JsonBody b = c.body(UPDATE_FIELDS);
    List<LimitRoutes.Plan> plan = limits.plan(c.actor(), b);
    KeyChanges changes = new KeyChanges(
        b.optionalText("alias", VirtualKey.MAX_ALIAS_LENGTH),
        b.optionalModels("models"),
        b.has("expires_at") ? Optional.of(b.optionalInstant("expires_at")) : Optional.empty(),
        b.optionalStringMap("metadata", Metadata.MAX_ENTRIES)
            .map(m -> Fields.metadata("metadata", m)),
        b.optionalBoolean("blocked"));
    AdminResult<VirtualKey> updated = keys.updateKey(c.actor(), id(c), changes);
    if (updated instanceof AdminResult.Done<VirtualKey> && !plan.isEmpty()) {
      AdminResult<ScopeLimits> applied = limits.run(c.actor(), Scope.key(id(c)), plan);
      if (!(applied instanceof AdminResult.Done<ScopeLimits>)) {
        c.reply(applied, 200, x -> json.object());
        return;
      }
    }
    c.reply(updated, 200, json::key);
  }

  private void rotate(AdminCall c) throws Bodies.TooLarge {
    JsonBody b = c.body(Set.of("grace_period_seconds"));
    long grace = b.optionalLong("grace_period_seconds", 0,
        ManageKeys.MAX_ROTATION_GRACE.toSeconds()).orElse(0L);
    AdminResult<IssuedKey> rotated = keys.rotateKey(c.actor(), id(c), Duration.ofSeconds(grace));
    c.reply(rotated, 200, issued -> json.key(issued.key()).put("key", issued.secret().reveal()));
  }

  private static KeyFilter.State state(String value) {
    return switch (value) {
      case "active" -> KeyFilter.State.ACTIVE;
      case "blocked" -> KeyFilter.State.BLOCKED;
      case "expired" -> KeyFilter.State.EXPIRED;
      default -> throw new BadField("status", "'status' must be active, blocked or expired.");
    };
  }

  private static KeyRole role(String value) {
    return switch (value) {
      case "inference" -> KeyRole.INFERENCE;
      case "tenant_admin" -> KeyRole.TENANT_ADMIN;
      default -> throw new BadField("role", "'role' must be inference or tenant_admin.");
    };
  }

  static KeyId id(AdminCall c) {
    return Fields.key("key", c.path("key"));
  }
}
