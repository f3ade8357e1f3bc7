package dev.tollgate.app.cli;

import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.pricing.ModelName;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Conversions from command-line text; each throws {@link IllegalArgumentException} on bad input. */
final class Parse {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([smhd])");

  private Parse() {}

  /** An instant ({@code 2026-11-01T12:00:00Z}) or a UTC date ({@code 2026-11-01}, its midnight). */
  static Instant instant(String text) {
    if (text.length() == 10) {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    return Instant.parse(text);
  }

  /** {@code 0}, {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, or ISO-8601 ({@code PT1H}). */
  static Duration duration(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    return Duration.parse(text.toUpperCase(Locale.ROOT));
  }

  static BudgetPeriod period(String text) {
    return BudgetPeriod.named(text).orElseThrow(() -> new IllegalArgumentException(
        "'" + text + "' is not one of " + BudgetPeriod.NAMES));
  }

  /** {@code name=value} pairs of a repeatable flag, in order; a name given twice is refused. */
  static Map<String, String> pairs(List<String> texts) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String text : texts) {
      int eq = text.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + text + "' is not name=value");
      }
      if (pairs.put(text.substring(0, eq), text.substring(eq + 1)) != null) {
        throw new IllegalArgumentException("'" + text.substring(0, eq) + "' is given twice");
      }
    }
    return pairs;
  }

  /** The models a {@code --models} flag names; empty means every model. */
  record Models(Set<ModelName> names) {}

  /** A comma-separated list of model names; {@code *} or an empty value means every model. */
  static Models models(String text) {
    if (text.isBlank() || text.equals("*")) {
      return new Models(Set.of());
    }
    Set<ModelName> models = new LinkedHashSet<>();
    Arrays.stream(text.split(",")).map(String::strip).map(ModelName::of).forEach(models::add);
    return new Models(models);
  }

  static KeyRole role(String text) {
    return switch (text) {
      case "inference" -> KeyRole.INFERENCE;
      case "tenant-admin" -> KeyRole.TENANT_ADMIN;
      default -> throw new IllegalArgumentException("'" + text + "' is not inference or tenant-admin");
    };
  }

  /** An enum constant by its name in any case; the message lists the names in lower case. */
  static <E extends Enum<E>> E choice(String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
  }
}
