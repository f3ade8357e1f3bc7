package dev.tollgate.app.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.wire.openai.RequestParser;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request body as a JSON object whose fields are all known: every getter checks type and bounds
 * and names the field when it refuses. "Absent" and "null" differ where a route says so (null
 * removes).
 */
final class JsonBody {

  static final int MAX_TEXT = 1024;
  static final int MAX_LIST = 256;

  private final ObjectNode node;

  private JsonBody(ObjectNode node) {
    this.node = node;
  }

  /** The body, refusing any field not in {@code allowed}. */
  static JsonBody of(JsonNode root, Set<String> allowed) {
    if (root == null || !root.isObject()) {
      throw new BadField(null, "The request body must be a JSON object.");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new BadField(name, "Unknown field '" + truncate(name) + "'; allowed: "
            + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
      }
    }
    return new JsonBody((ObjectNode) root);
  }

  boolean has(String field) {
    return node.has(field);
  }

  boolean isNull(String field) {
    return node.has(field) && node.get(field).isNull();
  }

  JsonBody object(String field, Set<String> allowed) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new BadField(field, "'" + field + "' must be an object.");
    }
    try {
      return of(value, allowed);
    } catch (BadField e) {
      throw new BadField(field + (e.param() == null ? "" : "." + e.param()), e.getMessage());
    }
  }

  String text(String field, int maxLength) {
    return optionalText(field, maxLength)
        .orElseThrow(() -> new BadField(field, "'" + field + "' is required."));
  }

  Optional<String> optionalText(String field, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new BadField(field, "'" + field + "' must be a string.");
    }
    if (value.asText().length() > maxLength) {
      throw new BadField(field, "'" + field + "' is at most " + maxLength + " characters.");
    }
    return Optional.of(noControl(field, value.asText()));
  }

  Optional<Long> optionalLong(String field, long min, long max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()
        || value.asLong() < min || value.asLong() > max) {
      throw new BadField(field, "'" + field + "' must be an integer in " + min + ".." + max + ".");
    }
    return Optional.of(value.asLong());
  }

  Optional<Boolean> optionalBoolean(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw new BadField(field, "'" + field + "' must be true or false.");
    }
    return Optional.of(value.asBoolean());
  }

  Optional<Instant> optionalInstant(String field) {
    return optionalText(field, 64).map(t -> {
      try {
        return Instant.parse(t);
      } catch (DateTimeParseException e) {
        throw new BadField(field, "'" + field + "' must be an RFC 3339 UTC time such as "
            + "2026-01-31T00:00:00Z.");
      }
    });
  }

  Optional<Set<ModelName>> optionalModels(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isArray() || value.size() > MAX_LIST) {
      throw new BadField(field, "'" + field + "' must be a list of at most " + MAX_LIST
          + " model names.");
    }
    Set<ModelName> out = new LinkedHashSet<>();
    for (JsonNode m : value) {
      if (!m.isTextual()) {
        throw new BadField(field, "'" + field + "' must contain model names (strings).");
      }
      out.add(Fields.model(field, m.asText()));
    }
    return Optional.of(out);
  }

  /** A list of strings (each without control characters), at most {@code maxItems}. */
  Optional<List<String>> optionalStrings(String field, int maxItems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isArray() || value.size() > maxItems) {
      throw new BadField(field, "'" + field + "' must be a list of at most " + maxItems + " strings.");
    }
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new BadField(field, "'" + field + "' must contain strings.");
      }
      out.add(noControl(field, item.asText()));
    }
    return Optional.of(out);
  }

  Optional<Map<String, String>> optionalStringMap(String field, int maxEntries) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject() || value.size() > maxEntries) {
      throw new BadField(field, "'" + field + "' must be an object of at most " + maxEntries
          + " string values.");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new BadField(field + "." + truncate(e.getKey()), "Values of '" + field
            + "' must be strings.");
      }
      out.put(noControl(field, e.getKey()), noControl(field, e.getValue().asText()));
    }
    return Optional.of(out);
  }

  /**
   * Control characters (NUL above all, which PostgreSQL cannot store) can be neither stored nor
   * shown safely anywhere: refused at the door, naming the field, before anything reaches a store.
   */
  static String noControl(String field, String value) {
    if (RequestParser.hasControlCharacter(value)) {
      throw new BadField(field, "'" + field + "' must not contain control characters.");
    }
    return value;
  }

  private static String truncate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
