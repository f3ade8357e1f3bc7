package dev.tollgate.app.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The import's answer, bounded whatever the file: each list shows at most
 * {@link #MAX_LISTED_PER_KIND} entries, and {@code counts} has every total.
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
}
