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
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate keys …}. A secret is printed by {@code create} and {@code rotate} only, once, on a
 * line of its own (so a script can take the last line); everything else shows the masked hint.
 */
final class KeyCommands {

  private KeyCommands() {}

  @Command(name = "keys",
      description = "Virtual API keys: minted, listed masked, blocked, rotated, deleted.",
      subcommands = {Create.class, ListKeys.class, Show.class, Update.class, Rotate.class,
          Block.class, Unblock.class, Delete.class})
  static final class Keys extends AdminCommand.Group {}

  /** The positional key id of the commands on one key. */
  abstract static class OnKey extends AdminCommand {
    @Parameters(index = "0", paramLabel = "<key-id>", description = "the key's id")
    KeyId id;

    String subject() {
      return "key '" + id.value() + "'";
    }
  }

  /** {@code --expires} or {@code --expires-in} (from now, positive). */
  static final class ExpiryOptions {
    @Option(names = "--expires", paramLabel = "WHEN",
        description = "expiry: an instant or a UTC date")
    Optional<Instant> at = Optional.empty();

    @Option(names = "--expires-in", paramLabel = "DURATION",
        description = "expiry from now: 30d, 12h, PT90M")
    Optional<Duration> in = Optional.empty();

    boolean given() {
      return at.isPresent() || in.isPresent();
    }

    Optional<Instant> expiry(CliContext ctx) {
      if (at.isPresent() && in.isPresent()) {
        throw new UsageError("give --expires or --expires-in, not both");
      }
      if (in.isPresent() && (in.get().isNegative() || in.get().isZero())) {
        throw new UsageError("--expires-in must be positive");
      }
      return at.or(() -> in.map(ctx.clock().instant()::plus));
    }
  }

  @Command(name = "create", description = "mint a key and print its secret, once")
  static final class Create extends AdminCommand {
    @Option(names = "--tenant", paramLabel = "TENANT", description = "the key's tenant (required)")
    Optional<TenantId> tenant = Optional.empty();

    @Option(names = "--team", paramLabel = "TEAM",
        description = "a team of the tenant the key belongs to")
    Optional<TeamId> team = Optional.empty();

    @Option(names = "--alias", paramLabel = "NAME", description = "a name to recognize the key by")
    Optional<String> alias = Optional.empty();

    @Option(names = "--models", paramLabel = "M1,M2",
        description = "the models it may call (default: all its tenant may)")
    Optional<Parse.Models> models = Optional.empty();

    @Mixin ExpiryOptions expiry;

    @Option(names = "--role", paramLabel = "ROLE", description = "inference (default) or tenant-admin")
    KeyRole role = KeyRole.INFERENCE;

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "a label")
    List<String> labels;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
        description = "a retried create with this key mints once")
    Optional<String> idempotencyKey = Optional.empty();

    @Override
    void run(CliContext ctx) {
      TenantId t = tenant.orElseThrow(() -> new UsageError("--tenant is required"));
      Owner owner = team.map(tm -> Owner.team(t, tm)).orElse(Owner.tenant(t));
      Optional<Instant> expires = expiry.expiry(ctx);
      KeySpec spec = new KeySpec(owner, role, alias(alias.orElse("")),
          models.map(Parse.Models::names).orElse(Set.of()), expires, TenantCommands.labels(labels));
      CreatedKey created = Outcomes.done(
          ctx.admin().keys().createKey(ctx.actor(), spec, idempotencyKey),
          "tenant '" + t.value() + "'");
      switch (created) {
        case CreatedKey.Minted m -> {
          ctx.out().println("Created key " + m.key().id().value() + " for " + owner(m.key()) + ".");
          secret(ctx, m.issued());
        }
        case CreatedKey.Replayed r -> ctx.out().println("An earlier create with this idempotency"
            + " key made key " + r.key().id().value() + "; its secret is not shown again.");
      }
    }
  }

  @Command(name = "list", description = "list a tenant's keys, secrets masked")
  static final class ListKeys extends AdminCommand {
    @Option(names = "--tenant", paramLabel = "TENANT", description = "the tenant (required)")
    Optional<TenantId> tenant = Optional.empty();

    @Option(names = "--team", paramLabel = "TEAM", description = "only this team's keys")
    Optional<TeamId> team = Optional.empty();

    @Option(names = "--offset", paramLabel = "N", description = "skip the first N keys")
    int offset;

    @Option(names = "--limit", paramLabel = "N", description = "at most N keys (default 100)")
    int limit = 100;

    @Override
    void run(CliContext ctx) {
      TenantId t = tenant.orElseThrow(() -> new UsageError("--tenant is required"));
      if (offset < 0 || limit < 1 || limit > KeyStore.MAX_PAGE) {
        throw new UsageError("--offset must be >= 0 and --limit 1.." + KeyStore.MAX_PAGE);
      }
      List<VirtualKey> keys = Outcomes.done(ctx.admin().keys().keys(
          ctx.actor(), t, team, offset, limit), "tenant '" + t.value() + "'");
      Instant now = ctx.clock().instant();
      Text.table(ctx.out(), List.of("KEY", "ALIAS", "SECRET", "OWNER", "ROLE", "STATUS", "EXPIRES",
              "CREATED"),
          keys.stream().map(k -> List.of(k.id().value(), k.alias(), k.hint(), owner(k), role(k),
              status(k, now), k.expiresAt().map(Instant::toString).orElse("-"),
              k.createdAt().toString())).toList());
    }
  }

  @Command(name = "show", description = "show one key, secret masked")
  static final class Show extends OnKey {
    @Override
    void run(CliContext ctx) {
      print(ctx, Outcomes.done(ctx.admin().keys().key(ctx.actor(), id), subject()));
    }
  }

  @Command(name = "update", description = "change a key's alias, models, expiry or labels")
  static final class Update extends OnKey {
    @Option(names = "--alias", paramLabel = "NAME", description = "a new alias")
    Optional<String> alias = Optional.empty();

    @Option(names = "--models", paramLabel = "M1,M2",
        description = "the models it may call (* : all its tenant may)")
    Optional<Parse.Models> models = Optional.empty();

    @Mixin ExpiryOptions expiry;

    @Option(names = "--no-expiry", description = "the key never expires")
    boolean noExpiry;

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "a label (replaces all labels)")
    List<String> labels;

    @Override
    void run(CliContext ctx) {
      if (noExpiry && expiry.given()) {
        throw new UsageError("--no-expiry goes alone, without --expires or --expires-in");
      }
      Optional<Optional<Instant>> newExpiry = noExpiry ? Optional.of(Optional.empty())
          : expiry.expiry(ctx).map(Optional::of);
      KeyChanges changes = new KeyChanges(alias.map(KeyCommands::alias),
          models.map(Parse.Models::names), newExpiry,
          labels != null ? Optional.of(TenantCommands.labels(labels)) : Optional.empty(),
          Optional.empty());
      if (changes.equals(new KeyChanges(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty()))) {
        throw new UsageError("give at least one of --alias, --models, --expires, --expires-in,"
            + " --no-expiry, --label");
      }
      VirtualKey key = Outcomes.done(ctx.admin().keys().updateKey(ctx.actor(), id, changes),
          subject());
      ctx.out().println("Updated key " + key.id().value() + ".");
      print(ctx, key);
    }
  }

  @Command(name = "rotate", description = "give a key a new secret and print it, once")
  static final class Rotate extends OnKey {
    @Option(names = "--grace", paramLabel = "DURATION",
        description = "how long the old secret keeps working (default 0; at most 30d)")
    Duration grace = Duration.ZERO;

    @Override
    void run(CliContext ctx) {
      if (grace.isNegative() || grace.compareTo(ManageKeys.MAX_ROTATION_GRACE) > 0) {
        throw new UsageError("--grace must be 0.." + ManageKeys.MAX_ROTATION_GRACE.toDays() + "d");
      }
      IssuedKey issued = Outcomes.done(ctx.admin().keys().rotateKey(ctx.actor(), id, grace),
          subject());
      ctx.out().println("Rotated key " + id.value() + "; the old secret "
          + issued.key().previous().map(p -> "works until " + p.validUntil()).orElse("stopped working")
          + ".");
      secret(ctx, issued);
    }
  }

  @Command(name = "block", description = "refuse the key until unblocked")
  static final class Block extends OnKey {
    @Override
    void run(CliContext ctx) {
      block(ctx, this, true);
    }
  }

  @Command(name = "unblock", description = "let a blocked key work again")
  static final class Unblock extends OnKey {
    @Override
    void run(CliContext ctx) {
      block(ctx, this, false);
    }
  }

  @Command(name = "delete", description = "delete a key (its spend stays in the ledger)")
  static final class Delete extends OnKey {
    @Override
    void run(CliContext ctx) {
      VirtualKey key = Outcomes.done(ctx.admin().keys().deleteKey(ctx.actor(), id), subject());
      ctx.out().println("Deleted key " + key.id().value() + " (" + key.hint() + ").");
    }
  }

  private static String alias(String alias) {
    if (alias.length() > VirtualKey.MAX_ALIAS_LENGTH) {
      throw new UsageError("--alias is at most " + VirtualKey.MAX_ALIAS_LENGTH + " characters");
    }
    return alias;
  }

  private static void block(CliContext ctx, OnKey command, boolean blocked) {
    VirtualKey key = Outcomes.done(
        ctx.admin().keys().updateKey(ctx.actor(), command.id, KeyChanges.blocked(blocked)),
        command.subject());
    ctx.out().println((blocked ? "Blocked" : "Unblocked") + " key " + key.id().value() + ".");
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
