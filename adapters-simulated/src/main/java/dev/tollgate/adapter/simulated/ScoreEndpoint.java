package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/score} (also {@code /score}), as vLLM answers it for a cross-encoder: the two
 * sides under any of the names vLLM takes ({@code queries} and {@code documents} or {@code items},
 * {@code data_1} and {@code data_2}, {@code text_1} and {@code text_2}), each a string or an array
 * of strings; one item against many, or as many on each side paired in order. Each pair's
 * {@code score} is {@link RerankEndpoint}'s relevance of the second text to the first, in the
 * order of the pairs; {@code usage} is vLLM's {@code UsageInfo}, the pairs' tokens counted by
 * {@link Prompts#pairs}, none of them completion tokens.
 */
final class ScoreEndpoint implements Endpoint {

  private static final String[][] SIDES = {{"queries", "documents"}, {"queries", "items"},
      {"data_1", "data_2"}, {"text_1", "text_2"}};

  private final Intake intake;

  ScoreEndpoint(Intake intake) {
    this.intake = intake;
  }

  @Override
  public void serve(ServerRequest req, ServerResponse res) {
    Call call = intake.read(req);
    String[] names = sides(call.body());
    List<String> first = texts(call.body().get(names[0]), names[0]);
    List<String> second = texts(call.body().get(names[1]), names[1]);
    if (first.size() != 1 && first.size() != second.size()) {
      throw Prompts.reject(ErrorReply.invalidValue(names[0], "'" + names[0]
          + "' must hold one item, or as many as '" + names[1] + "'."));
    }
    List<String> left = new ArrayList<>(second.size());
    for (int i = 0; i < second.size(); i++) {
      left.add(first.size() == 1 ? first.get(0) : first.get(i));
    }
    ObjectNode answer = Wire.object().put("id", Wire.newId("score-")).put("object", "list")
        .put("created", call.createdEpochSeconds()).put("model", call.model());
    ArrayNode data = answer.putArray("data");
    for (int i = 0; i < second.size(); i++) {
      data.addObject().put("index", i).put("object", "score")
          .put("score", RerankEndpoint.relevance(left.get(i), second.get(i)));
    }
    int tokens = Prompts.pairs(left, second);
    answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens)
        .put("completion_tokens", 0).putNull("prompt_tokens_details");
    Wire.sendJson(res, 200, answer);
  }

  private static String[] sides(JsonNode body) {
    for (String[] names : SIDES) {
      if (body.hasNonNull(names[0]) && body.hasNonNull(names[1])) {
        return names;
      }
    }
    throw Prompts.reject(ErrorReply.missingParameter("text_1"));
  }

  private static List<String> texts(JsonNode side, String name) {
    if (side.isTextual()) {
      return List.of(side.asText());
    }
    if (!side.isArray() || side.isEmpty()) {
      throw invalid(name);
    }
    List<String> texts = new ArrayList<>(side.size());
    for (JsonNode item : Prompts.bounded(side, name)) {
      if (!item.isTextual()) {
        throw invalid(name);
      }
      texts.add(item.asText());
    }
    return texts;
  }

  private static RejectedRequest invalid(String name) {
    return Prompts.reject(ErrorReply.invalidValue(name,
        "'" + name + "' must be a string or a non-empty array of strings."));
  }
}
