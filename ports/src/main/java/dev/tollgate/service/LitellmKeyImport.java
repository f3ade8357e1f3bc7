package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.out.DuplicateAliasException;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.litellm.LitellmSnapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One LiteLLM virtual key as a Tollgate key with the same stored hash (LiteLLM's {@code token} is
 * the SHA-256 hex of the secret, exactly what Tollgate stores), flagged as legacy so its
 * checksum-less secret opens it and nothing else. Its id is derived from the hash
 * ({@code ll-<first 24 hex digits>}), so a second run finds it and imports nothing twice.
 */
final class LitellmKeyImport {

  /** The model name the opening ledger entry is recorded under (reports show it as such). */
  static final String OPENING_MODEL_NAME = "litellm-import";
  static final ModelName OPENING_MODEL = ModelName.of(OPENING_MODEL_NAME);
  /** LiteLLM's model list values that mean "every model", not a model. */
  private static final Set<String> ALL_MODELS =
      Set.of("all-team-models", "all-proxy-models", "*", "all-org-models");
  /** LiteLLM's admin UI session tokens live in this pseudo-team; they are not clients' keys. */
  static final String UI_SESSION_TEAM = "litellm-dashboard";

  private final KeyStore keys;
  private final SpendLedger ledger;
  private final LitellmScopeImport scopes;
  private final ImportLines lines;
  private final Instant now;

  LitellmKeyImport(KeyStore keys, SpendLedger ledger, LitellmScopeImport scopes, ImportLines lines,
      Instant now) {
    this.keys = keys;
    this.ledger = ledger;
    this.scopes = scopes;
    this.lines = lines;
    this.now = now;
  }

  static KeyId idOf(String tokenHash) {
    return KeyId.of("ll-" + tokenHash.substring(0, 24));
  }

  /** Imports the key as owned by {@code owner} (its team already there), blocked if told so. */
  void importKey(LitellmSnapshot.Key k, Owner owner, boolean teamBlocked) {
    String source = "key " + k.tokenHash().substring(0, Math.min(12, k.tokenHash().length()));
    if (k.teamId().filter(UI_SESSION_TEAM::equals).isPresent()) {
      lines.skipped("key", source, "a LiteLLM admin UI session token, not a client's key");
      return;
    }
    KeyHash hash;
    try {
      hash = new KeyHash(k.tokenHash());
    } catch (IllegalArgumentException e) {
      lines.skipped("key", source, "its token is not a SHA-256 hex digest (LiteLLM stores one)");
      return;
    }
    KeyId id = idOf(k.tokenHash());
    Optional<VirtualKey> existing = keys.findByHash(hash);
    if (existing.isPresent()) {
      if (existing.get().id().equals(id)) {
        lines.exists("key", source, id.value(), "imported before");
      } else {
        lines.skipped("key", source, "its hash already opens Tollgate key " + existing.get().id());
      }
      return;
    }
    VirtualKey key = new VirtualKey(id, hash, owner, alias(k, owner, source), hint(k),
        models(k, source), k.expires(), k.blocked() || teamBlocked, k.createdAt().orElse(now),
        KeyRole.INFERENCE, labels(k, source), Optional.empty(), true);
    if (!save(key, source)) {
      return;
    }
    lines.imported("key", source, id.value(), describe(key, teamBlocked && !k.blocked()));
    scopes.apply(source, Scope.key(id), k.limits(), k.spend());
    if (k.perModelBudgets()) {
      lines.note("budget", source, id.value(), "model_max_budget (per-model budgets) is not"
          + " imported; set key-model budgets with `tollgate budgets set --key " + id + " --model`");
    }
    openingEntry(key, k, source);
  }

  private boolean save(VirtualKey key, String source) {
    if (lines.dryRun()) {
      return true;
    }
    try {
      keys.save(key);
      return true;
    } catch (DuplicateAliasException e) {
      lines.skipped("key", source, "alias '" + key.alias() + "' is taken in " + key.owner().tenant());
    } catch (IllegalArgumentException e) {
      lines.skipped("key", source, e.getMessage());
    }
    return false;
  }

  /**
   * The key's current-period spend as one ledger entry (request id {@code litellm-import:<id>},
   * model {@value #OPENING_MODEL_NAME}), so spend reports start where LiteLLM's counter stood.
   */
  private void openingEntry(VirtualKey key, LitellmSnapshot.Key k, String source) {
    if (!LitellmPeriods.spendIsCurrent(k.limits().budgetDuration(), k.limits().budgetResetAt(), now)) {
      return;
    }
    Money cost = LitellmDollars.spent(k.spend()).orElse(Money.ZERO);
    if (cost.isZero() || lines.dryRun()) {
      return;
    }
    ledger.append(new SpendEntry(RequestId.of("litellm-import:" + key.id().value()), key.owner(),
        key.id(), OPENING_MODEL, Optional.empty(), TokenUsage.NONE, UsageSource.REPORTED, cost,
        Instant.EPOCH, now, now, false));
    lines.imported("ledger", source, key.id().value(), "opening entry $" + cost.toPlainUsd());
  }

  private String alias(LitellmSnapshot.Key k, Owner owner, String source) {
    String alias = k.alias().orElse("");
    if (alias.length() > VirtualKey.MAX_ALIAS_LENGTH) {
      lines.note("key", source, "", "alias longer than 128 characters left out");
      return "";
    }
    if (!alias.isEmpty() && keys.findByAlias(owner.tenant(), alias).isPresent()) {
      lines.note("key", source, "", "alias '" + alias + "' is taken in tenant " + owner.tenant()
          + "; imported without an alias");
      return "";
    }
    return alias;
  }

  /** LiteLLM's masked {@code sk-...ab12} as Tollgate's {@code sk-…ab12}. */
  private static String hint(LitellmSnapshot.Key k) {
    String name = k.keyName().orElse("");
    int dots = name.lastIndexOf("...");
    String tail = dots >= 0 ? name.substring(dots + 3) : "";
    return "sk-…" + (tail.isEmpty() || tail.length() > 8 ? "(imported)" : tail);
  }

  private Set<ModelName> models(LitellmSnapshot.Key k, String source) {
    if (k.models().stream().anyMatch(ALL_MODELS::contains)) {
      return Set.of();
    }
    Set<ModelName> models = new LinkedHashSet<>();
    for (String m : k.models()) {
      try {
        models.add(ModelName.of(m));
      } catch (IllegalArgumentException e) {
        lines.note("key", source, "", "model '" + m + "' is not a model name; left out");
      }
    }
    return models;
  }

  private Map<String, String> labels(LitellmSnapshot.Key k, String source) {
    Map<String, String> extra = new HashMap<>();
    k.userId().filter(u -> u.length() <= dev.tollgate.domain.tenancy.Metadata.MAX_VALUE_LENGTH)
        .ifPresent(u -> extra.put("litellm_user_id", u));
    return lines.labels("key", source, extra, k.metadata());
  }

  private String describe(VirtualKey key, boolean blockedByTeam) {
    StringBuilder sb = new StringBuilder("owner ").append(key.owner().tenant());
    key.owner().team().ifPresent(t -> sb.append('/').append(t));
    if (key.blocked()) {
      sb.append(blockedByTeam ? ", blocked (its LiteLLM team is blocked)" : ", blocked");
    }
    key.expiresAt().ifPresent(e -> sb.append(key.isExpiredAt(now) ? ", expired at " : ", expires ")
        .append(e));
    if (!key.allowedModels().isEmpty()) {
      sb.append(", models ").append(key.allowedModels());
    }
    return sb.toString();
  }
}
