package dev.tollgate.app.http.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.admin.KeyStatus;
import dev.tollgate.port.in.admin.ScopeLimits;
import dev.tollgate.port.in.admin.TenantView;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The admin API's JSON shapes, snake_case, money as exact decimal USD strings. A key is shown
 * masked (its hint); its hash never leaves the store.
 */
final class AdminJson {

  private final ObjectMapper mapper;

  AdminJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectNode object() {
    return mapper.createObjectNode();
  }

  /** OpenAI's list shape plus the paging cursor the route uses. */
  ObjectNode list(ArrayNode data, boolean hasMore) {
    ObjectNode root = object().put("object", "list");
    root.set("data", data);
    root.put("has_more", hasMore);
    return root;
  }

  ArrayNode array() {
    return mapper.createArrayNode();
  }

  ObjectNode tenant(TenantView v) {
    ObjectNode n = object().put("object", "tenant").put("id", v.tenant().id().value())
        .put("name", v.tenant().name()).put("active", v.policy().active());
    ArrayNode models = n.putArray("models");
    new TreeSet<>(v.policy().allowedModels().stream().map(m -> m.value()).toList())
        .forEach(models::add);
    ObjectNode aliases = n.putObject("aliases");
    new java.util.TreeMap<>(v.policy().aliases()).forEach((a, m) -> aliases.put(a, m.value()));
    n.put("objective", v.policy().objective().orElse(null));
    n.put("fairness_id", v.policy().fairnessId().orElse(null));
    NearLimitFields.write(n, v.policy().nearLimit());
    n.put("trusted_user_headers", v.policy().trustedUserHeaders());
    ArrayNode allowedTags = n.putArray("allowed_tags");
    new TreeSet<>(v.policy().allowedTags().stream().map(t -> t.value()).toList())
        .forEach(allowedTags::add);
    n.put("tag_budgets", v.policy().tagBudgets());
    metadata(n, v.tenant().metadata());
    n.put("created_at", v.tenant().createdAt().toString());
    return n;
  }

  ObjectNode team(Team t) {
    ObjectNode n = object().put("object", "team").put("id", t.id().value())
        .put("tenant", t.tenant().value()).put("name", t.name());
    metadata(n, t.metadata());
    n.put("created_at", t.createdAt().toString());
    return n;
  }

  ObjectNode key(VirtualKey k) {
    ObjectNode n = object().put("object", "key").put("id", k.id().value())
        .put("tenant", k.owner().tenant().value())
        .put("team", k.owner().team().map(t -> t.value()).orElse(null))
        .put("role", k.role().name().toLowerCase(Locale.ROOT))
        .put("alias", k.alias()).put("masked_key", k.hint());
    ArrayNode models = n.putArray("models");
    new TreeSet<>(k.allowedModels().stream().map(m -> m.value()).toList()).forEach(models::add);
    n.put("expires_at", k.expiresAt().map(Object::toString).orElse(null));
    n.put("blocked", k.blocked());
    n.put("previous_key_valid_until",
        k.previous().map(p -> p.validUntil().toString()).orElse(null));
    metadata(n, k.metadata());
    n.put("created_at", k.createdAt().toString());
    return n;
  }

  ObjectNode limits(ScopeLimits l) {
    ObjectNode n = object().put("object", "limits");
    n.set("scope", scope(l.scope()));
    n.set("budget", l.budget().map(this::budget).orElse(null));
    n.set("rpm", l.requests().map(this::rate).orElse(null));
    n.set("tpm", l.tokens().map(this::rate).orElse(null));
    n.set("parallel", l.parallel().map(p -> (com.fasterxml.jackson.databind.JsonNode) object()
        .put("max_in_flight", p.maxInFlight()).put("in_flight", l.inFlight())).orElse(null));
    if (l.scope() instanceof Scope.Key) { // only a key carries one
      n.set("session_budget", l.sessionBudget().map(b -> (com.fasterxml.jackson.databind.JsonNode)
          object().put("limit_usd", b.limit().toPlainUsd()).put("period", b.period().name()))
          .orElse(null));
    }
    return n;
  }

  ObjectNode scope(Scope scope) {
    return switch (scope) {
      case Scope.Tenant t -> object().put("type", "tenant").put("tenant", t.tenant().value());
      case Scope.Team t -> object().put("type", "team").put("tenant", t.tenant().value())
          .put("team", t.team().value());
      case Scope.Key k -> object().put("type", "key").put("key", k.key().value());
      case Scope.KeyModel km -> object().put("type", "key_model").put("key", km.key().value())
          .put("model", km.model().value());
      case Scope.EndUser u -> object().put("type", "end_user").put("tenant", u.tenant().value())
          .put("end_user", u.user().value());
      case Scope.Session s -> object().put("type", "session").put("key", s.key().value())
          .put("session", s.session().value());
      case Scope.TenantTag t -> object().put("type", "tag").put("tenant", t.tenant().value())
          .put("tag", t.tag().value());
    };
  }

  ObjectNode budget(BudgetSnapshot s) {
    ObjectNode n = object()
        .put("limit_usd", s.budget().limit().toPlainUsd())
        .put("period", s.budget().period().name())
        .put("soft_limit_usd", s.budget().softLimit().map(m -> m.toPlainUsd()).orElse(null))
        .put("posted_usd", s.posted().toPlainUsd())
        .put("held_usd", s.held().toPlainUsd())
        .put("remaining_usd", s.remaining().toPlainUsd())
        .put("soft_limit_reached", s.budget().softLimit()
            .map(soft -> s.posted().plus(s.held()).isAtLeast(soft)).orElse(false));
    if (!s.window().isLifetime()) {
      n.put("window_start", s.window().start().toString())
          .put("window_end", s.window().end().toString());
    }
    return n;
  }

  ObjectNode rate(RateUsage u) {
    return object().put("limit", u.limit().limit()).put("used", u.used())
        .put("remaining", u.remaining()).put("reset_seconds", u.resetAfter().toSeconds());
  }

  ObjectNode total(SpendTotal t) {
    ObjectNode n = object().put("requests", t.requests()).put("cost_usd", t.cost().toPlainUsd());
    n.set("usage", usage(t.usage()));
    return n;
  }

  ObjectNode usage(TokenUsage u) {
    return object().put("input_tokens", u.inputTokens())
        .put("cached_input_tokens", u.cachedInputTokens())
        .put("cache_write_input_tokens", u.cacheWriteInputTokens())
        .put("output_tokens", u.outputTokens()).put("reasoning_tokens", u.reasoningTokens())
        .put("cache_write_1h_input_tokens", u.cacheWrite1hInputTokens())
        .put("audio_seconds", java.math.BigDecimal.valueOf(u.audioMillis(), 3));
  }

  ObjectNode entry(SpendEntry e) {
    ObjectNode n = object().put("object", "spend_entry").put("request_id", e.requestId().value())
        .put("tenant", e.owner().tenant().value())
        .put("team", e.owner().team().map(t -> t.value()).orElse(null))
        .put("key", e.key().value()).put("model", e.model().value())
        .put("end_user", e.endUser().map(u -> u.value()).orElse(null))
        .put("session", e.session().map(x -> x.value()).orElse(null));
    ArrayNode tags = n.putArray("tags");
    e.tags().values().forEach(t -> tags.add(t.value()));
    n.put("cost_usd", e.cost().toPlainUsd())
        .put("source", e.source().name().toLowerCase(Locale.ROOT))
        .put("price_effective_from", e.priceEffectiveFrom().toString())
        .put("started_at", e.startedAt().toString())
        .put("recorded_at", e.recordedAt().toString())
        .put("overage", e.overage());
    n.set("usage", usage(e.usage()));
    return n;
  }

  ObjectNode audit(AuditEntry a) {
    ObjectNode n = object().put("object", "audit_entry").put("sequence", a.sequence())
        .put("at", a.at().toString()).put("actor", a.actor())
        .put("tenant", a.tenant().map(t -> t.value()).orElse(null))
        .put("action", a.action()).put("object_type", a.objectType())
        .put("object_id", a.objectId());
    ObjectNode before = n.putObject("before");
    a.before().forEach(before::put);
    ObjectNode after = n.putObject("after");
    a.after().forEach(after::put);
    return n;
  }

  ObjectNode price(PriceVersion v) {
    ObjectNode n = object().put("object", "price").put("model", v.model().value())
        .put("effective_from", v.effectiveFrom().toString())
        .put("input_usd_per_mtok", usd(v.prices().input()))
        .put("cached_input_usd_per_mtok", usd(v.prices().cachedInput()))
        .put("cache_write_input_usd_per_mtok", usd(v.prices().cacheWriteInput()))
        .put("cache_write_1h_input_usd_per_mtok", usd(v.prices().cacheWrite1hInput()))
        .put("output_usd_per_mtok", usd(v.prices().output()))
        .put("reasoning_usd_per_mtok", v.prices().reasoning().map(AdminJson::usd).orElse(null))
        .put("request_fee_usd", v.prices().requestFee().toPlainUsd())
        .put("audio_usd_per_second", v.prices().audioPerSecond().toPlainUsd());
    return n;
  }

  ObjectNode keyStatus(KeyStatus s) {
    ObjectNode n = object().put("object", "key_status");
    n.set("key", key(s.key()));
    ArrayNode limits = n.putArray("limits");
    s.limits().forEach(l -> limits.add(limits(l)));
    ObjectNode spend = total(s.spend());
    spend.put("period_start", s.period().start().toString())
        .put("period_end", s.period().end().toString());
    n.set("spend", spend);
    return n;
  }

  private static String usd(PricePerMillion p) {
    return p.perMillionTokens().toPlainUsd();
  }

  private static void metadata(ObjectNode n, Map<String, String> metadata) {
    ObjectNode m = n.putObject("metadata");
    new java.util.TreeMap<>(metadata).forEach(m::put);
  }
}
