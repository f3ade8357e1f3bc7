package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.port.out.Endpoint;
import java.util.List;
import java.util.Optional;

/**
 * A cross-encoder's request (vLLM's rerank and score) as its model reads it: the model scores one
 * pair at a time, so a side given once against many reads that side once per pair (vLLM's usage is
 * the sum over the pairs). The request's prompt text ({@link ClientRequest#promptText()}) has each
 * side's text once; a hold that is to cover what the upstream will count adds the repeated side's
 * tokens {@link #repeats} times more.
 *
 * <ul>
 *   <li>A rerank ({@link Endpoint#RERANK}): the {@code query} against each of the
 *       {@code documents}.
 *   <li>A score ({@link Endpoint#SCORE}): one side against the other, under any of the names vLLM
 *       takes ({@link #SCORE_SIDES}); one item against many (the first side's text repeated), or
 *       as many on each side, paired in order (nothing repeated).
 * </ul>
 */
public final class CrossEncoderPairs {

  /** The two sides of a score request, by the names vLLM takes, in the order it looks for them. */
  static final List<List<String>> SCORE_SIDES = List.of(List.of("queries", "documents"),
      List.of("queries", "items"), List.of("data_1", "data_2"), List.of("text_1", "text_2"));

  private CrossEncoderPairs() {}

  /** The text of the side read once per pair, as the prompt text has it ("" when none is). */
  public static String repeatedText(ClientRequest request) {
    if (request.endpoint() == Endpoint.RERANK) {
      return PromptText.textOf(request.body().get("query"));
    }
    return request.endpoint() != Endpoint.SCORE ? "" : scoreSides(request.body())
        .map(sides -> PromptText.textOf(request.body().get(sides.get(0)))).orElse("");
  }

  /**
   * How many more times than once the model reads {@link #repeatedText}: one less than the items
   * it is paired with, and zero for any other request.
   */
  public static int repeats(ClientRequest request) {
    ObjectNode body = request.body();
    if (request.endpoint() == Endpoint.RERANK) {
      return Math.max(0, items(body.get("documents")) - 1);
    }
    return request.endpoint() != Endpoint.SCORE ? 0 : scoreSides(body)
        .filter(sides -> items(body.get(sides.get(0))) == 1)
        .map(sides -> Math.max(0, items(body.get(sides.get(1))) - 1)).orElse(0);
  }

  /** The names of the two sides {@code body} scores, if it names a pair of them. */
  static Optional<List<String>> scoreSides(ObjectNode body) {
    for (List<String> sides : SCORE_SIDES) {
      if (present(body, sides.get(0)) && present(body, sides.get(1))) {
        return Optional.of(sides);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code body} names a query a reranker can read: a string, or a multimodal object. */
  static boolean hasQuery(ObjectNode body) {
    JsonNode query = body.get("query");
    return query != null && (query.isTextual() && !query.asText().isEmpty() || query.isObject());
  }

  /** How many items one side holds: an array's elements, else one (a string, an object). */
  static int items(JsonNode side) {
    return side != null && side.isArray() ? side.size() : 1;
  }

  private static boolean present(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    return value != null && !value.isNull();
  }
}
