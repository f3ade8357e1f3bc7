package dev.tollgate.service;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.port.in.admin.TenantView;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The flat field maps the audit log records for each kind of object. Built field by field from
 * what an administrator may see: a key's hash and secret are never among them, only its hint.
 */
final class AuditViews {

  private AuditViews() {}

  static Map<String, String> of(VirtualKey key) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("id", key.id().value());
    m.put("tenant", key.owner().tenant().value());
    key.owner().team().ifPresent(t -> m.put("team", t.value()));
    m.put("role", key.role().name().toLowerCase(java.util.Locale.ROOT));
    m.put("alias", key.alias());
    m.put("hint", key.hint());
    m.put("models", sorted(key.allowedModels().stream().map(x -> x.value()).toList()));
    key.expiresAt().ifPresent(e -> m.put("expires_at", e.toString()));
    m.put("blocked", Boolean.toString(key.blocked()));
    key.previous().ifPresent(p -> m.put("previous_secret_valid_until", p.validUntil().toString()));
    key.metadata().forEach((k, v) -> m.put("metadata." + k, v));
    return m;
  }

  static Map<String, String> of(TenantView view) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("id", view.tenant().id().value());
    m.put("name", view.tenant().name());
    m.put("active", Boolean.toString(view.policy().active()));
    m.put("models", sorted(view.policy().allowedModels().stream().map(x -> x.value()).toList()));
    view.policy().aliases().forEach((a, target) -> m.put("alias." + a, target.value()));
    view.policy().objective().ifPresent(o -> m.put("objective", o));
    view.policy().fairnessId().ifPresent(f -> m.put("fairness_id", f));
    NearLimitPolicy near = view.policy().nearLimit();
    m.put("budget_exhausted_action", near.whenExhausted().name().toLowerCase(Locale.ROOT));
    m.put("min_output_tokens", Long.toString(near.minOutputTokens()));
    m.put("soft_budget_action", near.pastSoftBudget().name().toLowerCase(Locale.ROOT));
    m.put("demoted_objective", near.demotedObjective());
    view.tenant().metadata().forEach((k, v) -> m.put("metadata." + k, v));
    return m;
  }

  static Map<String, String> of(Team team) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("tenant", team.tenant().value());
    m.put("id", team.id().value());
    m.put("name", team.name());
    team.metadata().forEach((k, v) -> m.put("metadata." + k, v));
    return m;
  }

  static Map<String, String> of(Budget budget) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("scope", budget.scope().storageKey());
    m.put("limit_usd", budget.limit().toPlainUsd());
    m.put("period", budget.period().name());
    budget.softLimit().ifPresent(s -> m.put("soft_limit_usd", s.toPlainUsd()));
    return m;
  }

  static Map<String, String> of(RateLimit limit) {
    return Map.of("scope", limit.scope().storageKey(), "kind", limit.kind().name(),
        "limit", Long.toString(limit.limit()), "window", limit.window().toString());
  }

  static Map<String, String> of(ParallelLimit limit) {
    return Map.of("scope", limit.scope().storageKey(),
        "max_in_flight", Integer.toString(limit.maxInFlight()));
  }

  /** A price's fields by the names the admin API's price object uses, in exact decimal USD. */
  static Map<String, String> of(PriceVersion version) {
    TokenPrices p = version.prices();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("model", version.model().value());
    m.put("effective_from", version.effectiveFrom().toString());
    m.put("input_usd_per_mtok", usd(p.input()));
    m.put("cached_input_usd_per_mtok", usd(p.cachedInput()));
    m.put("cache_write_input_usd_per_mtok", usd(p.cacheWriteInput()));
    m.put("cache_write_1h_input_usd_per_mtok", usd(p.cacheWrite1hInput()));
    m.put("audio_usd_per_second", p.audioPerSecond().toPlainUsd());
    m.put("output_usd_per_mtok", usd(p.output()));
    p.reasoning().ifPresent(r -> m.put("reasoning_usd_per_mtok", usd(r)));
    m.put("request_fee_usd", p.requestFee().toPlainUsd());
    return m;
  }

  private static String usd(PricePerMillion price) {
    return price.perMillionTokens().toPlainUsd();
  }

  private static String sorted(Collection<String> values) {
    return String.join(",", new TreeSet<>(values));
  }
}
