package dev.tollgate.app.cli;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.in.admin.KeyChanges;
import dev.tollgate.port.in.admin.KeySpec;
import dev.tollgate.port.in.admin.ManageKeys;
import dev.tollgate.port.in.admin.ManageKeys.CreatedKey;
import dev.tollgate.port.out.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tollgate keys …}. A secret is printed by {@code create} and {@code rotate} only, once, on a
 * line of its own (so a script can take the last line); everything else shows the masked hint.
 */
final class KeyCommands {

  private KeyCommands() {}

  static Group keys() {
    return new Group("keys", "Virtual API keys: minted, listed masked, blocked, rotated, deleted.",
        List.of(
            new Command("create", List.of(), List.of(
                Flag.value("tenant", "TENANT", "the key's tenant (required)"),
                Flag.value("team", "TEAM", "a team of the tenant the key belongs to"),
                Flag.value("alias", "NAME", "a name to recognize the key by"),
                Flag.value("models", "M1,M2", "the models it may call (default: all its tenant may)"),
                Flag.value("expires", "WHEN", "expiry: an instant or a UTC date"),
                Flag.value("expires-in", "DURATION", "expiry from now: 30d, 12h, PT90M"),
                Flag.value("role", "ROLE", "inference (default) or tenant-admin"),
                Flag.repeated("label", "NAME=VALUE", "a label"),
                Flag.value("idempotency-key", "KEY", "a retried create with this key mints once")),
                "mint a key and print its secret, once", KeyCommands::create),
            new Command("list", List.of(), List.of(
                Flag.value("tenant", "TENANT", "the tenant (required)"),
                Flag.value("team", "TEAM", "only this team's keys"),
                Flag.value("offset", "N", "skip the first N keys"),
                Flag.value("limit", "N", "at most N keys (default 100)")),
                "list a tenant's keys, secrets masked", KeyCommands::list),
            new Command("show", List.of("key-id"), List.of(), "show one key, secret masked",
                (a, ctx) -> print(ctx, key(a, ctx))),
            new Command("update", List.of("key-id"), List.of(
                Flag.value("alias", "NAME", "a new alias"),
                Flag.value("models", "M1,M2", "the models it may call (* : all its tenant may)"),
                Flag.value("expires", "WHEN", "a new expiry: an instant or a UTC date"),
                Flag.value("expires-in", "DURATION", "a new expiry from now: 30d, 12h, PT90M"),
                Flag.toggle("no-expiry", "the key never expires"),
                Flag.repeated("label", "NAME=VALUE", "a label (replaces all labels)")),
                "change a key's alias, models, expiry or labels", KeyCommands::update),
            new Command("rotate", List.of("key-id"), List.of(
                Flag.value("grace", "DURATION", "how long the old secret keeps working (default 0;"
                    + " at most 30d)")),
                "give a key a new secret and print it, once", KeyCommands::rotate),
            new Command("block", List.of("key-id"), List.of(), "refuse the key until unblocked",
                (a, ctx) -> block(a, ctx, true)),
            new Command("unblock", List.of("key-id"), List.of(), "let a blocked key work again",
                (a, ctx) -> block(a, ctx, false)),
            new Command("delete", List.of("key-id"), List.of(),
                "delete a key (its spend stays in the ledger)", KeyCommands::delete)));
  }

  private static void create(Args a, CliContext ctx) {
    TenantId tenant = a.required("tenant", TenantId::of);
    Owner owner = a.get("team", TeamId::of).map(t -> Owner.team(tenant, t))
        .orElse(Owner.tenant(tenant));
    Optional<Instant> expires = expiry(a, ctx);
    String alias = alias(a.value("alias").orElse(""));
    KeySpec spec = new KeySpec(owner, a.get("role", KeyCommands::role).orElse(KeyRole.INFERENCE),
        alias, a.get("models", Parse::models).orElse(java.util.Set.of()), expires,
        TenantCommands.labels(a));
    CreatedKey created = Outcomes.done(
        ctx.admin().keys().createKey(ctx.actor(), spec, a.value("idempotency-key")),
        "tenant '" + tenant.value() + "'");
    switch (created) {
      case CreatedKey.Minted m -> {
        ctx.out().println("Created key " + m.key().id().value() + " for " + owner(m.key()) + ".");
        secret(ctx, m.issued());
      }
      case CreatedKey.Replayed r -> ctx.out().println("An earlier create with this idempotency key"
          + " made key " + r.key().id().value() + "; its secret is not shown again.");
    }
  }

  private static void update(Args a, CliContext ctx) {
    KeyId id = a.positional(0, KeyId::of, "key-id");
    if (a.has("no-expiry") && (a.has("expires") || a.has("expires-in"))) {
      throw new UsageError("--no-expiry goes alone, without --expires or --expires-in");
    }
    Optional<Optional<Instant>> expiry = a.has("no-expiry") ? Optional.of(Optional.empty())
        : expiry(a, ctx).map(Optional::of);
    KeyChanges changes = new KeyChanges(a.value("alias").map(KeyCommands::alias),
        a.get("models", Parse::models), expiry,
        a.has("label") ? Optional.of(TenantCommands.labels(a)) : Optional.empty(),
        Optional.empty());
    if (changes.equals(new KeyChanges(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty()))) {
      throw new UsageError("give at least one of --alias, --models, --expires, --expires-in,"
          + " --no-expiry, --label");
    }
    VirtualKey key = Outcomes.done(ctx.admin().keys().updateKey(ctx.actor(), id, changes),
        "key '" + id.value() + "'");
    ctx.out().println("Updated key " + key.id().value() + ".");
    print(ctx, key);
  }

  /** {@code --expires} or {@code --expires-in} (from now, positive), if either is given. */
  private static Optional<Instant> expiry(Args a, CliContext ctx) {
    if (a.has("expires") && a.has("expires-in")) {
      throw new UsageError("give --expires or --expires-in, not both");
    }
    Optional<java.time.Duration> in = a.get("expires-in", Parse::duration);
    if (in.isPresent() && (in.get().isNegative() || in.get().isZero())) {
      throw new UsageError("--expires-in must be positive");
    }
    return a.get("expires", Parse::instant).or(() -> in.map(ctx.clock().instant()::plus));
  }

  private static String alias(String alias) {
    if (alias.length() > VirtualKey.MAX_ALIAS_LENGTH) {
      throw new UsageError("--alias is at most " + VirtualKey.MAX_ALIAS_LENGTH + " characters");
    }
    return alias;
  }

  private static void list(Args a, CliContext ctx) {
    TenantId tenant = a.required("tenant", TenantId::of);
    int offset = a.get("offset", Integer::parseInt).orElse(0);
    int limit = a.get("limit", Integer::parseInt).orElse(100);
    if (offset < 0 || limit < 1 || limit > KeyStore.MAX_PAGE) {
      throw new UsageError("--offset must be >= 0 and --limit 1.." + KeyStore.MAX_PAGE);
    }
    List<VirtualKey> keys = Outcomes.done(ctx.admin().keys().keys(
        ctx.actor(), tenant, a.get("team", TeamId::of), offset, limit),
        "tenant '" + tenant.value() + "'");
    Instant now = ctx.clock().instant();
    Text.table(ctx.out(), List.of("KEY", "ALIAS", "SECRET", "OWNER", "ROLE", "STATUS", "EXPIRES",
            "CREATED"),
        keys.stream().map(k -> List.of(k.id().value(), k.alias(), k.hint(), owner(k), role(k),
            status(k, now), k.expiresAt().map(Instant::toString).orElse("-"),
            k.createdAt().toString())).toList());
  }

  private static void rotate(Args a, CliContext ctx) {
    KeyId id = a.positional(0, KeyId::of, "key-id");
    Duration grace = a.get("grace", Parse::duration).orElse(Duration.ZERO);
    if (grace.isNegative() || grace.compareTo(ManageKeys.MAX_ROTATION_GRACE) > 0) {
      throw new UsageError("--grace must be 0.." + ManageKeys.MAX_ROTATION_GRACE.toDays() + "d");
    }
    IssuedKey issued = Outcomes.done(ctx.admin().keys().rotateKey(ctx.actor(), id, grace),
        "key '" + id.value() + "'");
    ctx.out().println("Rotated key " + id.value() + "; the old secret "
        + issued.key().previous().map(p -> "works until " + p.validUntil()).orElse("stopped working")
        + ".");
    secret(ctx, issued);
  }

  private static void block(Args a, CliContext ctx, boolean blocked) {
    KeyId id = a.positional(0, KeyId::of, "key-id");
    VirtualKey key = Outcomes.done(
        ctx.admin().keys().updateKey(ctx.actor(), id, KeyChanges.blocked(blocked)),
        "key '" + id.value() + "'");
    ctx.out().println((blocked ? "Blocked" : "Unblocked") + " key " + key.id().value() + ".");
  }

  private static void delete(Args a, CliContext ctx) {
    KeyId id = a.positional(0, KeyId::of, "key-id");
    VirtualKey key = Outcomes.done(ctx.admin().keys().deleteKey(ctx.actor(), id),
        "key '" + id.value() + "'");
    ctx.out().println("Deleted key " + key.id().value() + " (" + key.hint() + ").");
  }

  private static VirtualKey key(Args a, CliContext ctx) {
    KeyId id = a.positional(0, KeyId::of, "key-id");
    return Outcomes.done(ctx.admin().keys().key(ctx.actor(), id), "key '" + id.value() + "'");
  }

  private static void print(CliContext ctx, VirtualKey k) {
    Instant now = ctx.clock().instant();
    Text.fields(ctx.out(), List.of(
        Map.entry("key", k.id().value()),
        Map.entry("alias", k.alias().isEmpty() ? "-" : k.alias()),
        Map.entry("secret", k.hint()),
        Map.entry("owner", owner(k)),
        Map.entry("role", role(k)),
        Map.entry("status", status(k, now)),
        Map.entry("models", Text.models(k.allowedModels())),
        Map.entry("expires", k.expiresAt().map(Instant::toString).orElse("never")),
        Map.entry("previous", k.previous().filter(p -> p.acceptsAt(now))
            .map(p -> "old secret works until " + p.validUntil()).orElse("-")),
        Map.entry("labels", Text.pairs(k.metadata())),
        Map.entry("created", k.createdAt().toString())));
  }

  private static void secret(CliContext ctx, IssuedKey issued) {
    ctx.out().println("Its secret is shown only this once; store it now:");
    ctx.out().println(issued.secret().reveal());
  }

  private static KeyRole role(String text) {
    return switch (text) {
      case "inference" -> KeyRole.INFERENCE;
      case "tenant-admin" -> KeyRole.TENANT_ADMIN;
      default -> throw new IllegalArgumentException("'" + text + "' is not inference or tenant-admin");
    };
  }

  private static String role(VirtualKey k) {
    return k.role().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String owner(VirtualKey k) {
    return k.owner().tenant().value() + k.owner().team().map(t -> "/" + t.value()).orElse("");
  }

  private static String status(VirtualKey k, Instant now) {
    return k.blocked() ? "blocked" : k.isExpiredAt(now) ? "expired" : "active";
  }
}
