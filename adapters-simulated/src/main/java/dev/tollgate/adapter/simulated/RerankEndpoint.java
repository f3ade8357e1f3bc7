package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /v1/rerank} (also {@code /rerank} and {@code /v2/rerank}), as vLLM answers it for a
 * cross-encoder: the {@code documents} (strings, or objects with a {@code text}) scored against
 * the {@code query}, best first, the first {@code top_n} of them (all when it is absent or 0),
 * each with its {@code index}, {@code relevance_score} and, unless {@code return_documents} is
 * false, its {@code document.text}; {@code usage} is {@code {"total_tokens": n}} alone, as vLLM's
 * is, n counted by {@link Prompts#pairs}. A document's score is the share of the query's distinct
 * words (case folded) it contains, so a test can tell which comes first; ties keep their order.
 */
final class RerankEndpoint implements Endpoint {

  private final Intake intake;

  RerankEndpoint(Intake intake) {
    this.intake = intake;
  }

  private record Scored(int index, String text, double score) {}

  @Override
  public void serve(ServerRequest req, ServerResponse res) {
    Call call = intake.read(req);
    JsonNode body = call.body();
    String query = query(body.get("query"));
    List<String> documents = documents(body.get("documents"));
    int topN = topN(body.get("top_n"), documents.size());
    boolean returnDocuments = body.path("return_documents").asBoolean(true);
    List<Scored> scored = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      scored.add(new Scored(i, documents.get(i), relevance(query, documents.get(i))));
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed());
    ObjectNode answer = Wire.object().put("id", Wire.newId("rerank-")).put("model", call.model());
    answer.putObject("usage").put("total_tokens",
        Prompts.pairs(java.util.Collections.nCopies(documents.size(), query), documents));
    ArrayNode results = answer.putArray("results");
    for (Scored s : scored.subList(0, topN)) {
      ObjectNode result = results.addObject().put("index", s.index());
      if (returnDocuments) {
        result.putObject("document").put("text", s.text());
      }
      result.put("relevance_score", s.score());
    }
    Wire.sendJson(res, 200, answer);
  }

  private static String query(JsonNode query) {
    if (query == null || query.isNull()) {
      throw Prompts.reject(ErrorReply.missingParameter("query"));
    }
    if (!query.isTextual()) {
      throw Prompts.reject(ErrorReply.invalidValue("query", "'query' must be a string."));
    }
    return query.asText();
  }

  private static List<String> documents(JsonNode documents) {
    if (documents == null || documents.isNull()) {
      throw Prompts.reject(ErrorReply.missingParameter("documents"));
    }
    if (!documents.isArray()) {
      throw Prompts.reject(ErrorReply.invalidValue("documents",
          "'documents' must be an array of strings or of objects with a text."));
    }
    List<String> texts = new ArrayList<>(documents.size());
    for (JsonNode document : Prompts.bounded(documents, "documents")) {
      JsonNode text = document.isObject() ? document.get("text") : document;
      if (text == null || !text.isTextual()) {
        throw Prompts.reject(ErrorReply.invalidValue("documents",
            "'documents' must be an array of strings or of objects with a text."));
      }
      texts.add(text.asText());
    }
    return texts;
  }

  private static int topN(JsonNode topN, int documents) {
    if (topN == null || topN.isNull()) {
      return documents;
    }
    if (!topN.isIntegralNumber() || topN.asLong() < 0) {
      throw Prompts.reject(ErrorReply.invalidValue("top_n", "'top_n' must be a non-negative integer."));
    }
    return topN.asLong() == 0 ? documents : (int) Math.min(topN.asLong(), documents);
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  /**
   * The share of the query's distinct words (case folded) the document contains. A relevance
   * score is a model's output, not money or tokens counted.
   */
  static double relevance(String query, String document) {
    Set<String> queryWords = words(query);
    if (queryWords.isEmpty()) {
      return 0;
    }
    Set<String> found = words(document);
    found.retainAll(queryWords);
    return (double) found.size() / queryWords.size();
  }
}
