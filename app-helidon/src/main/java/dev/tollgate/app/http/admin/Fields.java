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
    return switch (value) {
      case "lifetime" -> BudgetPeriod.lifetime();
      case "daily" -> BudgetPeriod.daily();
      case "weekly" -> BudgetPeriod.weekly();
      case "monthly" -> BudgetPeriod.monthly();
      default -> throw new BadField(param,
          "'" + param + "' must be one of lifetime, daily, weekly, monthly.");
    };
  }

  static String periodName(BudgetPeriod period) {
    return switch (period) {
      case BudgetPeriod.Lifetime l -> "lifetime";
      case BudgetPeriod.Daily d -> "daily";
      case BudgetPeriod.Weekly w -> "weekly";
      case BudgetPeriod.Monthly m -> "monthly";
      case BudgetPeriod.EveryDays e -> "every_" + e.days() + "_days";
    };
  }

  static <T, R> R parse(String param, T value, Function<T, R> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new BadField(param, "Invalid '" + param + "': " + e.getMessage());
    }
  }
}
