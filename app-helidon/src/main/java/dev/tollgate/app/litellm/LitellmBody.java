package dev.tollgate.app.litellm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.domain.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A LiteLLM request body, read field by field with bounds. A field no endpoint knows is a 400
 * naming it; numbers arrive as exact decimals (the mapper keeps JSON's decimal text), so a dollar
 * amount is never a binary float on its way to a nano-USD {@link Money}.
 */
final class LitellmBody {

  static final int MAX_LIST = 256;
  static final BigDecimal MAX_USD = new BigDecimal("1000000000");

  private final JsonNode node;

  private LitellmBody(JsonNode node) {
    this.node = node;
  }

  static LitellmBody of(JsonNode node, Set<String> known) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw LitellmError.badRequest(null, "A JSON object body is required.");
    }
    if (!node.isObject()) {
      throw LitellmError.badRequest(null, "The body must be a JSON object.");
    }
    TreeSet<String> unknown = new TreeSet<>();
    node.fieldNames().forEachRemaining(n -> {
      if (!known.contains(n)) {
        unknown.add(n);
      }
    });
    if (!unknown.isEmpty()) {
      String name = unknown.first().length() > 64 ? unknown.first().substring(0, 64)
          : unknown.first();
      throw LitellmError.badRequest(name, "Unknown field '" + printable(name)
          + "'; see docs/litellm-api.md for the fields Tollgate honours.");
    }
    return new LitellmBody(node);
  }

  boolean has(String name) {
    return node.has(name);
  }

  /** Present and not null. */
  boolean given(String name) {
    return node.has(name) && !node.get(name).isNull();
  }

  boolean isNull(String name) {
    return node.has(name) && node.get(name).isNull();
  }

  JsonNode raw(String name) {
    return node.path(name);
  }

  Optional<String> text(String name, int maxLength) {
    if (!given(name)) {
      return Optional.empty();
    }
    JsonNode v = node.get(name);
    if (!v.isTextual()) {
      throw LitellmError.badRequest(name, "'" + name + "' must be a string.");
    }
    String s = v.asText();
    if (s.length() > maxLength) {
      throw LitellmError.badRequest(name, "'" + name + "' is at most " + maxLength + " characters.");
    }
    return Optional.of(printable(name, s));
  }

  String required(String name, int maxLength) {
    return text(name, maxLength).filter(s -> !s.isEmpty())
        .orElseThrow(() -> LitellmError.badRequest(name, "'" + name + "' is required."));
  }

  Optional<Boolean> bool(String name) {
    if (!given(name)) {
      return Optional.empty();
    }
    if (!node.get(name).isBoolean()) {
      throw LitellmError.badRequest(name, "'" + name + "' must be true or false.");
    }
    return Optional.of(node.get(name).asBoolean());
  }

  Optional<Long> whole(String name, long min, long max) {
    if (!given(name)) {
      return Optional.empty();
    }
    JsonNode v = node.get(name);
    BigDecimal d = v.isNumber() ? v.decimalValue() : null;
    if (d == null || d.stripTrailingZeros().scale() > 0 || d.compareTo(BigDecimal.valueOf(min)) < 0
        || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw LitellmError.badRequest(name, "'" + name + "' must be a whole number " + min + ".."
          + max + ".");
    }
    return Optional.of(d.longValueExact());
  }

  /** A dollar amount: a JSON number (or decimal string), 0..1e9, at most nine decimals. */
  Optional<Money> usd(String name) {
    return given(name) ? Optional.of(usd(name, node.get(name))) : Optional.empty();
  }

  static Money usd(String name, JsonNode v) {
    BigDecimal d;
    try {
      d = v.isNumber() ? v.decimalValue() : v.isTextual() ? new BigDecimal(v.asText()) : null;
    } catch (NumberFormatException e) {
      d = null;
    }
    if (d == null || d.signum() < 0 || d.compareTo(MAX_USD) > 0) {
      throw LitellmError.badRequest(name, "'" + name + "' must be a dollar amount 0..1e9.");
    }
    if (d.stripTrailingZeros().scale() > 9) {
      throw LitellmError.badRequest(name, "'" + name + "' is finer than a nano-dollar; Tollgate"
          + " counts money in whole nano-USD.");
    }
    return Money.usd(d);
  }

  Optional<List<String>> strings(String name, int maxLength) {
    if (!given(name)) {
      return Optional.empty();
    }
    JsonNode v = node.get(name);
    if (!v.isArray() || v.size() > MAX_LIST) {
      throw LitellmError.badRequest(name, "'" + name + "' must be a list of at most " + MAX_LIST
          + " strings.");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual() || e.asText().length() > maxLength) {
        throw LitellmError.badRequest(name, "'" + name + "' must hold strings of at most "
            + maxLength + " characters.");
      }
      out.add(printable(name, e.asText()));
    }
    return Optional.of(out);
  }

  /** An object's entries (values as JSON), at most {@code max}; empty when absent or null. */
  Map<String, JsonNode> object(String name, int max) {
    if (!given(name)) {
      return Map.of();
    }
    JsonNode v = node.get(name);
    if (!v.isObject() || v.size() > max) {
      throw LitellmError.badRequest(name, "'" + name + "' must be an object of at most " + max
          + " entries.");
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /** Whether a field is absent, null, empty, or false/zero: asks for nothing. */
  boolean empty(String name) {
    JsonNode v = node.path(name);
    return v.isMissingNode() || v.isNull() || (v.isContainerNode() && v.isEmpty())
        || (v.isTextual() && v.asText().isEmpty()) || (v.isBoolean() && !v.asBoolean())
        || (v.isNumber() && v.decimalValue().signum() == 0);
  }

  /**
   * Refuses a field that would change money or access and that Tollgate cannot honour: accepted
   * only when it asks for nothing ({@link #empty}).
   */
  void refuseUnlessEmpty(String name, String why) {
    if (!empty(name)) {
      throw LitellmError.badRequest(name, "'" + name + "' is not supported by Tollgate: " + why
          + " (docs/litellm-api.md).");
    }
  }

  private static String printable(String field, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw LitellmError.badRequest(field, "'" + field + "' must not contain control characters.");
      }
    }
    return s;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.chars().forEach(c -> b.append(Character.isISOControl(c) ? '?' : (char) c));
    return b.toString();
  }
}
