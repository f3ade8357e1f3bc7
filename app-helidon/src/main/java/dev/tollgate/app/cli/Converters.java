package dev.tollgate.app.cli;

import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.NearLimitPolicy.PastSoftBudget;
import dev.tollgate.domain.tenancy.NearLimitPolicy.WhenExhausted;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The types an option may have, each read by the domain's own parser: a value the domain refuses
 * is a usage error that names the flag and gives the domain's reason ({@code --period: 'yearly'
 * is not one of …}), never a stack trace.
 */
final class Converters {

  private Converters() {}

  /** Registers every converter on {@code root} and the commands below it. */
  static void register(CommandLine root) {
    root.registerConverter(TenantId.class, of(TenantId::of));
    root.registerConverter(TeamId.class, of(TeamId::of));
    root.registerConverter(KeyId.class, of(KeyId::of));
    root.registerConverter(EndUserId.class, of(EndUserId::of));
    root.registerConverter(SessionId.class, of(SessionId::of));
    root.registerConverter(Tag.class, of(Tag::of));
    root.registerConverter(ModelName.class, of(ModelName::of));
    root.registerConverter(Parse.Models.class, of(Parse::models));
    root.registerConverter(Instant.class, of(Parse::instant));
    root.registerConverter(Duration.class, of(Parse::duration));
    root.registerConverter(BudgetPeriod.class, of(Parse::period));
    root.registerConverter(Money.class, of(Money::usd));
    root.registerConverter(PricePerMillion.class, of(PricePerMillion::usd));
    root.registerConverter(Path.class, of(Path::of));
    root.registerConverter(Integer.class, of(Integer::parseInt));
    root.registerConverter(int.class, of(Integer::parseInt));
    root.registerConverter(Long.class, of(Long::parseLong));
    root.registerConverter(long.class, of(Long::parseLong));
    root.registerConverter(KeyRole.class, of(Parse::role));
    root.registerConverter(SpendGrouping.class,
        of(g -> SpendGrouping.valueOf(g.toUpperCase(Locale.ROOT).replace('-', '_'))));
    root.registerConverter(WhenExhausted.class, of(v -> Parse.choice(v, WhenExhausted.class)));
    root.registerConverter(PastSoftBudget.class, of(v -> Parse.choice(v, PastSoftBudget.class)));
  }

  /** A converter whose refusal picocli reports as the value's fault, with the reason. */
  static <T> ITypeConverter<T> of(Function<String, T> convert) {
    return text -> {
      try {
        return convert.apply(text);
      } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
        throw new TypeConversionException(e.getMessage());
      }
    };
  }
}
