package dev.tollgate.app.http.admin;

import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Metadata;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.Map;
import java.util.function.Function;

/** Client strings into domain values; a refusal names the field it came from. */
final class Fields {

  private Fields() {}

  static TenantId tenant(String param, String value) {
    return parse(param, value, TenantId::of);
  }

  static TeamId team(String param, String value) {
    return parse(param, value, TeamId::of);
  }

  static KeyId key(String param, String value) {
    return parse(param, value, KeyId::of);
  }

  static ModelName model(String param, String value) {
    return parse(param, value, ModelName::of);
  }

  static Map<String, String> metadata(String param, Map<String, String> value) {
    return parse(param, value, Metadata::checked);
  }

  /** A USD amount as a decimal string ("12.50"), exact to the nano-dollar, not negative. */
  static Money usd(String param, String value) {
    Money money = parse(param, value, Money::usd);
    if (money.isNegative()) {
      throw new BadField(param, "'" + param + "' must not be negative.");
    }
    return money;
  }

  static BudgetPeriod period(String param, String value) {
    return BudgetPeriod.named(value).orElseThrow(() -> new BadField(param,
        "'" + param + "' must be one of " + BudgetPeriod.NAMES + "."));
  }

  static <T, R> R parse(String param, T value, Function<T, R> parser) {
    if (value instanceof String text) {
      JsonBody.noControl(param, text); // ids, models, amounts: none reaches a store with one
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new BadField(param, "Invalid '" + param + "': " + e.getMessage());
    }
  }
}
