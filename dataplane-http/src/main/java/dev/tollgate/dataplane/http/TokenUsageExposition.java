package dev.tollgate.dataplane.http;

import dev.tollgate.domain.reconcile.CounterKey;
import dev.tollgate.domain.reconcile.TokenCounters;
import dev.tollgate.domain.reconcile.TokenType;
import dev.tollgate.port.out.reconcile.CountersUnavailableException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a data plane's GenAI token counters out of its Prometheus text exposition (the 0.0.4 text
 * format and OpenMetrics text both): the {@code _sum} of the {@code gen_ai.client.token.usage}
 * histogram per {@code gen_ai_request_model} and {@code gen_ai_token_type}, summed over every other
 * label. agentgateway names the family {@code agentgateway_gen_ai_client_token_usage}; Envoy AI
 * Gateway {@code gen_ai_client_token_usage} (with the OpenTelemetry exporter's unit suffix,
 * {@code gen_ai_client_token_usage_token}, in later releases). The first of the given family
 * names present is read, so a data plane exposing two spellings is not counted twice.
 */
public final class TokenUsageExposition {

  /** The families read by default, in order of preference. */
  public static final List<String> DEFAULT_FAMILIES = List.of(
      "agentgateway_gen_ai_client_token_usage", "gen_ai_client_token_usage",
      "gen_ai_client_token_usage_token");
  static final String MODEL_LABEL = "gen_ai_request_model";
  static final String TYPE_LABEL = "gen_ai_token_type";
  /** Lines read at most (a scrape of a busy data plane is thousands; this bounds a runaway one). */
  static final int MAX_LINES = 1_000_000;

  private final List<String> families;

  public TokenUsageExposition(List<String> families) {
    if (families.isEmpty()) {
      throw new IllegalArgumentException("at least one metric family name");
    }
    this.families = List.copyOf(families);
  }

  /** The counters in {@code text}; a family none of whose series appear reads as no tokens. */
  public TokenCounters read(String text) {
    Map<String, Map<CounterKey, Long>> byFamily = new LinkedHashMap<>();
    int lines = 0;
    for (String line : text.split("\n", -1)) {
      if (++lines > MAX_LINES) {
        throw new CountersUnavailableException("more than " + MAX_LINES + " lines");
      }
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      Optional<String> family = familyOf(l);
      if (family.isPresent()) {
        sample(l, family.get().length() + "_sum".length(), byFamily
            .computeIfAbsent(family.get(), f -> new HashMap<>()));
      }
    }
    for (String f : families) {
      Map<CounterKey, Long> found = byFamily.get(f);
      if (found != null) {
        return new TokenCounters(found);
      }
    }
    return TokenCounters.NONE;
  }

  private Optional<String> familyOf(String line) {
    for (String f : families) {
      String sum = f + "_sum";
      if (line.startsWith(sum) && line.length() > sum.length()
          && (line.charAt(sum.length()) == '{' || line.charAt(sum.length()) == ' ')) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static void sample(String line, int nameEnd, Map<CounterKey, Long> into) {
    Map<String, String> labels = new HashMap<>();
    int i = nameEnd;
    if (line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    String model = labels.get(MODEL_LABEL);
    Optional<TokenType> type = TokenType.named(labels.getOrDefault(TYPE_LABEL, ""));
    if (model == null || model.isEmpty() || type.isEmpty()) {
      return; // total, cached_input, … overlap input and output: not compared
    }
    into.merge(new CounterKey(model, type.get()), tokens(rest[0], line), Math::addExact);
  }

  /** Reads {@code name="value",…}} from {@code i}; answers the index after the closing brace. */
  private static int labels(String line, int start, Map<String, String> into) {
    int i = start;
    while (i < line.length() && line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw new CountersUnavailableException("unreadable labels: " + clip(line));
      }
      String name = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; j < line.length() && line.charAt(j) != '"'; j++) {
        char c = line.charAt(j);
        if (c == '\\' && j + 1 < line.length()) {
          char n = line.charAt(++j);
          value.append(n == 'n' ? '\n' : n);
        } else {
          value.append(c);
        }
      }
      if (j >= line.length()) {
        throw new CountersUnavailableException("unterminated label value: " + clip(line));
      }
      into.put(name, value.toString());
      i = j + 1;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
    if (i >= line.length()) {
      throw new CountersUnavailableException("unterminated labels: " + clip(line));
    }
    return i + 1;
  }

  /** A whole, non-negative number of tokens, exactly (a float64 sum of integers is integral). */
  private static long tokens(String value, String line) {
    try {
      BigDecimal v = new BigDecimal(value);
      if (v.signum() < 0) {
        throw new CountersUnavailableException("a negative token sum: " + clip(line));
      }
      return v.toBigIntegerExact().longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CountersUnavailableException("not a whole number of tokens: " + clip(line), e);
    }
  }

  private static String clip(String line) {
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
