package dev.tollgate.app.cli;

import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
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

  /** A comma-separated list of model names; {@code *} or an empty value means every model. */
  static Set<ModelName> models(String text) {
    if (text.isBlank() || text.equals("*")) {
      return Set.of();
    }
    Set<ModelName> models = new LinkedHashSet<>();
    Arrays.stream(text.split(",")).map(String::strip).map(ModelName::of).forEach(models::add);
    return models;
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

  /**
   * The scope the flags name: {@code --tenant} (with {@code --team}: the team), or {@code --key}
   * (with {@code --model}: that model on the key).
   */
  static Scope scope(Args args) {
    boolean tenant = args.has("tenant");
    boolean key = args.has("key");
    if (tenant == key) {
      throw new UsageError("name one scope: --tenant T [--team TM | --end-user U], or --key K [--model M]");
    }
    if (tenant) {
      if (args.has("model")) {
        throw new UsageError("--model goes with --key, not --tenant");
      }
      TenantId t = args.required("tenant", TenantId::of);
      if (args.has("end-user")) {
        if (args.has("team")) {
          throw new UsageError("--end-user and --team are two scopes: name one");
        }
        return Scope.endUser(t, args.required("end-user", dev.tollgate.domain.tenancy.EndUserId::of));
      }
      return args.get("team", TeamId::of).map(team -> Scope.team(t, team))
          .orElse(Scope.tenant(t));
    }
    if (args.has("team") || args.has("end-user")) {
      throw new UsageError("--team and --end-user go with --tenant, not --key");
    }
    KeyId k = args.required("key", KeyId::of);
    return args.get("model", ModelName::of).map(m -> Scope.keyModel(k, m)).orElse(Scope.key(k));
  }

  /** The flags {@link #scope} reads, for a command's flag list. */
  static List<Flag> scopeFlags() {
    return List.of(
        Flag.value("tenant", "TENANT", "the tenant's scope (with --team: the team's)"),
        Flag.value("team", "TEAM", "a team of --tenant"),
        Flag.value("end-user", "USER", "an end user (the requests' user) of --tenant"),
        Flag.value("key", "KEY_ID", "the key's scope (with --model: that model on the key)"),
        Flag.value("model", "MODEL", "one model on --key"));
  }
}
