package dev.tollgate.app.http.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.NearLimitPolicy.PastSoftBudget;
import dev.tollgate.domain.tenancy.NearLimitPolicy.WhenExhausted;
import java.util.Locale;
import java.util.Set;

/**
 * A tenant's near-limit policy as the admin API reads and writes it: {@code
 * budget_exhausted_action} ({@code refuse}|{@code clamp}), {@code min_output_tokens}, {@code
 * soft_budget_action} ({@code none}|{@code demote}) and {@code demoted_objective}. On update an
 * absent field keeps its value.
 */
final class NearLimitFields {

  static final Set<String> NAMES = Set.of(
      "budget_exhausted_action", "min_output_tokens", "soft_budget_action", "demoted_objective");

  private NearLimitFields() {}

  static NearLimitPolicy parse(JsonBody body, NearLimitPolicy current) {
    WhenExhausted exhausted = body.optionalText("budget_exhausted_action", 16)
        .map(v -> choice("budget_exhausted_action", v, WhenExhausted.class))
        .orElse(current.whenExhausted());
    long minOutput = body.optionalLong("min_output_tokens", 1,
        NearLimitPolicy.MAX_MIN_OUTPUT_TOKENS).orElse(current.minOutputTokens());
    PastSoftBudget soft = body.optionalText("soft_budget_action", 16)
        .map(v -> choice("soft_budget_action", v, PastSoftBudget.class))
        .orElse(current.pastSoftBudget());
    String objective = body.optionalText("demoted_objective", NearLimitPolicy.MAX_OBJECTIVE_LENGTH)
        .orElse(current.demotedObjective());
    return Fields.parse("demoted_objective", objective,
        o -> new NearLimitPolicy(exhausted, minOutput, soft, o));
  }

  static void write(ObjectNode n, NearLimitPolicy p) {
    n.put("budget_exhausted_action", p.whenExhausted().name().toLowerCase(Locale.ROOT));
    n.put("min_output_tokens", p.minOutputTokens());
    n.put("soft_budget_action", p.pastSoftBudget().name().toLowerCase(Locale.ROOT));
    n.put("demoted_objective", p.demotedObjective());
  }

  private static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new BadField(field, "'" + field + "' must be one of "
        + java.util.Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ".");
  }
}
