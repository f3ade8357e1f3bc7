package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.wire.openai.UsageObjects;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /v1/embeddings}. The input is a string, an array of strings, a token-id array, or an
 * array of token-id arrays. Each vector is a unit-length function of its input alone, of
 * {@link #DEFAULT_DIMENSIONS} floats unless {@code dimensions} asks for up to {@link #MAX_DIMENSIONS};
 * {@code encoding_format: "base64"} packs it as little-endian float32, as OpenAI does.
 */
final class EmbeddingsEndpoint implements Endpoint {

  static final int DEFAULT_DIMENSIONS = 8;
  static final int MAX_DIMENSIONS = 256;

  private final Intake intake;

  EmbeddingsEndpoint(Intake intake) {
    this.intake = intake;
  }

  /** One input: the text its vector is derived from and its token count. */
  private record Input(String seed, int tokens) {}

  @Override
  public void serve(ServerRequest req, ServerResponse res) {
    Call call = intake.read(req);
    List<Input> inputs = inputs(call.body().get("input"));
    int dimensions = dimensions(call.body().get("dimensions"));
    boolean base64 = base64(call.body().get("encoding_format"));
    ObjectNode body = Wire.object().put("object", "list");
    ArrayNode data = body.putArray("data");
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      float[] vector = vector(inputs.get(i).seed(), dimensions);
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (base64) {
        item.put("embedding", pack(vector));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float value : vector) {
          values.add(value);
        }
      }
      tokens += inputs.get(i).tokens();
    }
    body.put("model", call.model());
    body.set("usage", UsageObjects.embeddings(tokens));
    Wire.sendJson(res, 200, body);
  }

  static float[] vector(String seed, int dimensions) {
    long state = Reply.fnv1a64(seed);
    float[] vector = new float[dimensions];
    double squares = 0;
    for (int i = 0; i < dimensions; i++) {
      state += 0x9E3779B97F4A7C15L;
      vector[i] = (float) ((Reply.mix(state) >>> 40) / (double) (1L << 23) - 1.0);
      squares += (double) vector[i] * vector[i];
    }
    double norm = Math.sqrt(squares);
    for (int i = 0; norm > 0 && i < dimensions; i++) {
      vector[i] = (float) (vector[i] / norm);
    }
    return vector;
  }

  private static List<Input> inputs(JsonNode input) {
    if (input == null || input.isNull()) {
      throw Prompts.reject(ErrorReply.missingParameter("input"));
    }
    if (input.isTextual()) {
      return List.of(new Input(input.asText(), Prompts.words(input.asText())));
    }
    if (!input.isArray() || input.isEmpty()) {
      throw invalidInput();
    }
    if (isTokenArray(input)) {
      return List.of(new Input(input.toString(), input.size()));
    }
    List<Input> inputs = new ArrayList<>(input.size());
    for (JsonNode element : Prompts.bounded(input, "input")) {
      if (element.isTextual()) {
        inputs.add(new Input(element.asText(), Prompts.words(element.asText())));
      } else if (element.isArray() && !element.isEmpty() && isTokenArray(element)) {
        inputs.add(new Input(element.toString(), element.size()));
      } else {
        throw invalidInput();
      }
    }
    return inputs;
  }

  private static boolean isTokenArray(JsonNode array) {
    Prompts.bounded(array, "input");
    for (JsonNode element : array) {
      if (!element.isIntegralNumber()) {
        return false;
      }
    }
    return true;
  }

  private static int dimensions(JsonNode dimensions) {
    if (dimensions == null || dimensions.isNull()) {
      return DEFAULT_DIMENSIONS;
    }
    if (!dimensions.isIntegralNumber() || dimensions.asLong() < 1 || dimensions.asLong() > MAX_DIMENSIONS) {
      throw Prompts.reject(ErrorReply.invalidValue("dimensions",
          "'dimensions' must be an integer 1.." + MAX_DIMENSIONS + "."));
    }
    return dimensions.asInt();
  }

  private static boolean base64(JsonNode format) {
    if (format == null || format.isNull() || "float".equals(format.asText())) {
      return false;
    }
    if ("base64".equals(format.asText())) {
      return true;
    }
    throw Prompts.reject(ErrorReply.invalidValue("encoding_format",
        "'encoding_format' must be 'float' or 'base64'."));
  }

  private static String pack(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : vector) {
      buffer.putFloat(value);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  private static RejectedRequest invalidInput() {
    return Prompts.reject(ErrorReply.invalidValue("input",
        "'input' must be a string, an array of strings, or token-id arrays, and not empty."));
  }
}
