package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.port.out.Endpoint;

/**
 * A rerank request as its model reads it: a cross-encoder scores the query against each document,
 * one pair at a time, so it reads the query once per document (vLLM's {@code usage.total_tokens}
 * is the sum over the pairs). The request's prompt text ({@link ClientRequest#promptText()}) has
 * the documents and the query once; a hold that is to cover what the upstream will count adds the
 * query's tokens {@link #queryRepeats} times more.
 */
public final class RerankPairs {

  private RerankPairs() {}

  /** The text of the query, as the prompt text has it. */
  public static String queryText(ClientRequest request) {
    return PromptText.textOf(request.body().get("query"));
  }

  /**
   * How many more times than once the model reads the query: one less than the documents, and
   * zero for any request but a rerank.
   */
  public static int queryRepeats(ClientRequest request) {
    if (request.endpoint() != Endpoint.RERANK) {
      return 0;
    }
    JsonNode documents = request.body().get("documents");
    return documents != null && documents.isArray() ? Math.max(0, documents.size() - 1) : 0;
  }

  /** Whether {@code body} names a query a reranker can read: a string, or a multimodal object. */
  static boolean hasQuery(ObjectNode body) {
    JsonNode query = body.get("query");
    return query != null && (query.isTextual() && !query.asText().isEmpty() || query.isObject());
  }
}
