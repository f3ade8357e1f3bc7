package dev.tollgate.app.litellm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.Metadata;
import dev.tollgate.port.in.admin.ManageLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code /key/generate} or {@code /key/update} body asks, read the way docs/litellm-api.md
 * lists: honoured fields become the key's attributes and limits, ignored ones are read and
 * dropped (they change neither money nor access), refused ones are a 400 unless empty.
 */
final class KeyRequest {

  /** Labels this API keeps on a key for LiteLLM's fields Tollgate has no attribute for. */
  static final String USER_LABEL = "litellm_user_id";
  static final String DURATION_LABEL = "litellm_budget_duration";
  static final String RESERVED_PREFIX = "litellm_";

  static final Set<String> FIELDS;

  static {
    Set<String> f = new HashSet<>(LimitFields.FIELDS);
    f.addAll(Set.of("key", "key_alias", "duration", "models", "user_id", "team_id",
        "organization_id", "metadata", "budget_id", "blocked", "tpm_limit_type", "rpm_limit_type",
        "allowed_routes", "allowed_passthrough_routes", "allowed_cache_controls", "guardrails",
        "prompts", "enforced_params", "tags", "aliases", "config", "permissions",
        "model_max_budget", "model_rpm_limit", "model_tpm_limit", "router_settings",
        "send_invite_email", "spend", "key_type", "object_permission"));
    FIELDS = Set.copyOf(f);
  }

  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m|h|d|w|mo)");
  /** LiteLLM's model names that mean every model the key's tenant (or team) may call. */
  private static final Set<String> ALL_MODELS = Set.of("all-team-models", "all-proxy-models",
      "all-org-models", "*");

  private KeyRequest() {}

  /** Refuses what Tollgate cannot honour and would change money or access if dropped. */
  static void refuseUnsupported(LitellmBody b) {
    b.refuseUnlessEmpty("spend", "spend comes from the ledger, it is never set");
    for (String f : List.of("allowed_passthrough_routes", "guardrails", "prompts",
        "enforced_params", "aliases", "config", "permissions", "router_settings",
        "object_permission")) {
      b.refuseUnlessEmpty(f, "it has no Tollgate equivalent");
    }
    b.strings("allowed_routes", 128).ifPresent(routes -> {
      if (!routes.stream().allMatch(r -> r.equals("llm_api_routes"))) {
        throw LitellmError.badRequest("allowed_routes", "'allowed_routes' other than"
            + " llm_api_routes is not supported: a Tollgate inference key calls /v1 only.");
      }
    });
    for (String f : List.of("tpm_limit_type", "rpm_limit_type")) {
      b.text(f, 32).ifPresent(t -> {
        if (!Set.of("key", "best_effort_throughput", "guaranteed_throughput").contains(t)) {
          throw LitellmError.badRequest(f, "'" + f + "' " + t + " is not supported: a key's"
              + " limits are always its own, enforced exactly.");
        }
      });
    }
    b.text("key_type", 32).filter(t -> !t.equals("llm_api") && !t.equals("default"))
        .ifPresent(t -> {
          throw LitellmError.badRequest("key_type", "Only llm_api keys are supported.");
        });
    if (b.given("budget_id") && (b.given("max_budget") || b.given("soft_budget")
        || b.given("budget_duration"))) {
      throw LitellmError.badRequest("budget_id", "A key follows either a budget (budget_id) or"
          + " its own max_budget, not both.");
    }
  }

  /** The key's models: empty means every model its tenant may call (Tollgate's "all"). */
  static Optional<Set<ModelName>> models(LitellmBody b) {
    return b.strings("models", ModelName.MAX_LENGTH).map(list -> {
      Set<ModelName> out = new HashSet<>();
      for (String m : list) {
        if (ALL_MODELS.contains(m)) {
          return Set.of();
        }
        try {
          out.add(ModelName.of(m));
        } catch (IllegalArgumentException e) {
          throw LitellmError.badRequest("models", "'" + m + "' is not a model name.");
        }
      }
      return out;
    });
  }

  /** LiteLLM's {@code duration} ({@code 30d}, {@code 90m}, {@code 1h}) as an expiry from now. */
  static Optional<Instant> expiry(LitellmBody b, Instant now) {
    return b.text("duration", 16).map(d -> {
      Matcher m = DURATION.matcher(d.trim());
      if (!m.matches()) {
        throw LitellmError.badRequest("duration", "'duration' must be like 30s, 90m, 1h, 30d or"
            + " 1mo.");
      }
      long n = Long.parseLong(m.group(1));
      Duration length = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        case "w" -> Duration.ofDays(7 * n);
        default -> Duration.ofDays(30 * n);
      };
      return now.plus(length);
    });
  }

  /**
   * The key's labels: LiteLLM's {@code metadata} (non-string values as JSON text, as the import
   * keeps them), {@code user_id} and the duration as written, under reserved names.
   */
  static Optional<Map<String, String>> labels(LitellmBody b, Map<String, String> kept) {
    if (!b.has("metadata") && !b.has("user_id") && !b.has("budget_duration")) {
      return Optional.empty();
    }
    Map<String, String> out = new HashMap<>();
    if (b.has("metadata")) {
      for (Map.Entry<String, JsonNode> e : b.object("metadata", Metadata.MAX_ENTRIES).entrySet()) {
        if (e.getKey().startsWith(RESERVED_PREFIX)) {
          throw LitellmError.badRequest("metadata", "Metadata names starting with '"
              + RESERVED_PREFIX + "' are Tollgate's own.");
        }
        out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
            : e.getValue().toString());
      }
    } else {
      kept.forEach((k, v) -> {
        if (!k.startsWith(RESERVED_PREFIX)) {
          out.put(k, v);
        }
      });
    }
    Optional<String> user = b.has("user_id") ? b.text("user_id", 256)
        : Optional.ofNullable(kept.get(USER_LABEL));
    user.ifPresent(u -> out.put(USER_LABEL, u));
    Optional<String> duration = b.has("budget_duration") ? b.text("budget_duration", 16)
        : Optional.ofNullable(kept.get(DURATION_LABEL));
    duration.ifPresent(d -> out.put(DURATION_LABEL, d));
    try {
      return Optional.of(Metadata.checked(out));
    } catch (IllegalArgumentException e) {
      throw LitellmError.badRequest("metadata", "Invalid metadata: " + e.getMessage());
    }
  }

  /** Per-model limits of the key: key × model budgets and rate limits. */
  static List<LimitFields.Step> perModel(ManageLimits limits, Actor actor, LitellmBody b,
      KeyId key, Instant now) {
    List<LimitFields.Step> steps = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : b.object("model_max_budget", 256).entrySet()) {
      ModelName model = model("model_max_budget", e.getKey());
      JsonNode v = e.getValue();
      if (!v.isObject() || !v.has("budget_limit")) {
        throw LitellmError.badRequest("model_max_budget", "'model_max_budget' takes"
            + " {\"<model>\": {\"budget_limit\": USD, \"time_period\": \"30d\"}}.");
      }
      var limit = LitellmBody.usd("model_max_budget", v.get("budget_limit"));
      BudgetPeriod period = LimitFields.period(Optional.ofNullable(v.get("time_period"))
          .filter(JsonNode::isTextual).map(JsonNode::asText), now);
      Scope scope = Scope.keyModel(key, model);
      steps.add(s -> limits.setBudget(actor, new Budget(scope, limit, period, Optional.empty())));
    }
    perModelRate(limits, actor, b, "model_rpm_limit", RateKind.REQUESTS, key, steps);
    perModelRate(limits, actor, b, "model_tpm_limit", RateKind.TOKENS, key, steps);
    return steps;
  }

  private static void perModelRate(ManageLimits limits, Actor actor, LitellmBody b, String field,
      RateKind kind, KeyId key, List<LimitFields.Step> steps) {
    for (Map.Entry<String, JsonNode> e : b.object(field, 256).entrySet()) {
      Scope scope = Scope.keyModel(key, model(field, e.getKey()));
      if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
        throw LitellmError.badRequest(field, "'" + field + "' values are whole numbers.");
      }
      long n = e.getValue().asLong();
      steps.add(s -> limits.setRateLimit(actor, RateLimit.perMinute(scope, kind, n)));
    }
  }

  private static ModelName model(String field, String name) {
    try {
      return ModelName.of(name);
    } catch (IllegalArgumentException e) {
      throw LitellmError.badRequest(field, "'" + name + "' is not a model name.");
    }
  }

  /** The key's own budget now, for a duration or soft budget changed alone. */
  static Optional<Budget> budgetOf(dev.tollgate.port.in.admin.ScopeLimits limits) {
    return limits.budget().map(s -> s.budget());
  }
}
