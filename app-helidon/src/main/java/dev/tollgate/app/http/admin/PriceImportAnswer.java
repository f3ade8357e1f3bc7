package dev.tollgate.app.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The import's answer, bounded whatever the file: each list shows at most
 * {@link #MAX_LISTED_PER_KIND} entries, and {@code counts} has every total. A refused import also
 * carries an OpenAI-shaped {@code error}, so a client that reads only that still learns why.
 */
record PriceImportAnswer(ObjectNode out) {
  static final int MAX_LISTED_PER_KIND = 100;

  PriceImportAnswer {
    ObjectNode counts = out.putObject("counts");
    for (String kind : List.of("added", "unchanged", "conflicts", "unpriced", "problems")) {
      out.putArray(kind);
      counts.put(kind, 0);
    }
    out.put("truncated", false);
  }

  void list(String kind, JsonNode entry) {
    ObjectNode counts = (ObjectNode) out.get("counts");
    counts.put(kind, counts.get(kind).asInt() + 1);
    ArrayNode listed = (ArrayNode) out.get(kind);
    if (listed.size() < MAX_LISTED_PER_KIND) {
      listed.add(entry);
    } else {
      out.put("truncated", true);
    }
  }

  /** The answer of an import refused for the file's problems (nothing was imported). */
  ObjectNode refused(String message) {
    ObjectNode error = out.putObject("error");
    error.put("message", message);
    error.put("type", "invalid_request_error");
    error.putNull("param");
    error.put("code", "price_file_problems");
    return out;
  }
}
