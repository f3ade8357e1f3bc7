package dev.tollgate.wire.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.port.out.Endpoint;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses and validates a {@code /v1} body just enough to admit it: model, stream, completion
 * bound, end user, tags and the prompt's text. Everything else passes through untouched. A client's
 * mistake becomes a 400 naming the field ({@link BadRequest}), never a 500.
 */
public final class RequestParser {

  /** A client mistake, with the field it concerns. */
  public static final class BadRequest extends Exception {
    private final String param;

    BadRequest(String message, String param) {
      super(message, null, false, false);
      this.param = param;
    }

    /** The request field the mistake is in; null when it is the body as a whole. */
    public String param() {
      return param;
    }
  }

  private static final int MAX_END_USER_LENGTH = 128;
  private final ObjectMapper mapper;
  private final int maxChoices;

  /** @param maxChoices the largest {@code n} or {@code best_of} a request may ask for */
  public RequestParser(ObjectMapper mapper, int maxChoices) {
    if (maxChoices < 1) {
      throw new IllegalArgumentException("maxChoices must be at least 1");
    }
    this.mapper = mapper;
    this.maxChoices = maxChoices;
  }

  public ClientRequest parse(Endpoint endpoint, byte[] body) throws BadRequest {
    return parse(endpoint, body, Optional.empty());
  }

  /**
   * As above, the model named by the route rather than the body when {@code routeModel} is
   * present (Azure OpenAI's {@code /openai/deployments/{deployment}/…}: the deployment decides, as
   * it does on Azure and on LiteLLM), written into the body so everything after sees one model.
   */
  public ClientRequest parse(Endpoint endpoint, byte[] body, Optional<String> routeModel)
      throws BadRequest {
    ObjectNode root = object(body);
    routeModel.ifPresent(m -> root.put("model", m));
    String model = model(root);
    boolean stream = bool(root, "stream");
    if (stream && endpoint.isPooling()) {
      throw new BadRequest(switch (endpoint) {
        case EMBEDDINGS -> "Embeddings cannot be streamed.";
        case RERANK -> "Rerank requests cannot be streamed.";
        default -> "Score requests cannot be streamed.";
      }, "stream");
    }
    boolean wantsUsage = wantsUsage(root);
    if (endpoint == Endpoint.CHAT_COMPLETIONS) {
      messages(root);
    } else if (endpoint == Endpoint.RERANK) {
      rerank(root);
    } else if (endpoint == Endpoint.SCORE) {
      score(root);
    }
    PromptText prompt = PromptText.of(endpoint, root);
    if (prompt.parts() == 0 && endpoint != Endpoint.RESPONSES) {
      throw new BadRequest("The request has no " + prompt.field() + ".", prompt.field());
    }
    return new ClientRequest(
        endpoint, root, model, stream, wantsUsage, completionBound(endpoint, root),
        endUser(root, endUserField(endpoint, root)), prompt.text(), prompt.parts(), choices(root),
        TagsField.read(root));
  }

  private ObjectNode object(byte[] body) throws BadRequest {
    try {
      JsonNode node = mapper.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw new BadRequest("The request body must be a JSON object.", null);
    } catch (JsonProcessingException e) {
      throw new BadRequest(
          "We could not parse the JSON body of your request: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      throw new BadRequest("We could not read the body of your request.", null);
    }
  }

  private static String model(ObjectNode root) throws BadRequest {
    JsonNode model = root.get("model");
    if (model == null || model.isNull()) {
      throw new BadRequest("you must provide a model parameter", "model");
    }
    if (!model.isTextual()) {
      throw new BadRequest("model must be a non-empty string of at most "
          + ModelName.MAX_LENGTH + " characters", "model");
    }
    return checkedModel(model.asText());
  }

  /** A model's name as a request gives it (a JSON string, a form field): the same checks for both. */
  static String checkedModel(String model) throws BadRequest {
    if (model.isBlank() || model.length() > ModelName.MAX_LENGTH) {
      throw new BadRequest("model must be a non-empty string of at most "
          + ModelName.MAX_LENGTH + " characters", "model");
    }
    if (hasControlCharacter(model)) {
      throw new BadRequest("model must not contain control characters", "model");
    }
    return model;
  }

  /** Chat messages are an array of objects; anything else would reach the upstream to be refused. */
  private static void messages(ObjectNode root) throws BadRequest {
    JsonNode messages = root.get("messages");
    if (messages == null || messages.isNull()) {
      return; // no prompt: refused as such by parse
    }
    if (!messages.isArray()) {
      throw new BadRequest("messages must be an array of message objects", "messages");
    }
    for (int i = 0; i < messages.size(); i++) {
      if (!messages.get(i).isObject()) {
        throw new BadRequest("messages[" + i + "] must be an object with a role", "messages");
      }
    }
  }

  /**
   * A rerank names a query and the documents to score against it (strings, or objects with their
   * text, as Cohere's v1 and vLLM's multimodal form allow); {@code top_n}, when given, is how many
   * results to return (vLLM reads 0 as all of them).
   */
  private static void rerank(ObjectNode root) throws BadRequest {
    if (!CrossEncoderPairs.hasQuery(root)) {
      throw new BadRequest("query must be a non-empty string", "query");
    }
    JsonNode documents = root.get("documents");
    if (documents == null || documents.isNull()) {
      throw new BadRequest("you must provide the documents to rerank", "documents");
    }
    if (documents.isArray() ? documents.isEmpty() : !documents.isObject()) {
      throw new BadRequest("documents must be a non-empty array of strings or objects",
          "documents");
    }
    stringsOrObjects(documents, "documents");
    JsonNode topN = root.get("top_n");
    if (topN != null && !topN.isNull()
        && (!topN.isIntegralNumber() || !topN.canConvertToInt() || topN.intValue() < 0)) {
      throw new BadRequest("top_n must be a non-negative integer", "top_n");
    }
    bool(root, "return_documents");
  }

  /**
   * A score names its two sides as vLLM takes them ({@code queries} and {@code documents} or
   * {@code items}, {@code data_1} and {@code data_2}, {@code text_1} and {@code text_2}): each a
   * non-empty string, a non-empty array of strings or objects, or a multimodal object; one item
   * against many, or as many on each side.
   */
  private static void score(ObjectNode root) throws BadRequest {
    java.util.Optional<java.util.List<String>> sides = CrossEncoderPairs.scoreSides(root);
    if (sides.isEmpty()) {
      throw new BadRequest("you must provide the two sides to score: text_1 and text_2"
          + " (or queries and documents)", "text_1");
    }
    for (String side : sides.get()) {
      JsonNode value = root.get(side);
      boolean usable = value.isTextual() ? !value.asText().isEmpty()
          : value.isArray() ? !value.isEmpty() : value.isObject();
      if (!usable) {
        throw new BadRequest(side + " must be a non-empty string, a non-empty array of strings"
            + " or objects, or an object", side);
      }
      stringsOrObjects(value, side);
    }
    int first = CrossEncoderPairs.items(root.get(sides.get().get(0)));
    int second = CrossEncoderPairs.items(root.get(sides.get().get(1)));
    if (first != 1 && first != second) {
      throw new BadRequest(sides.get().get(0) + " must hold one item, or as many as "
          + sides.get().get(1) + " (" + second + "), not " + first, sides.get().get(0));
    }
  }

  /** Each element of {@code value}, when it is an array, is a string or an object. */
  private static void stringsOrObjects(JsonNode value, String field) throws BadRequest {
    for (int i = 0; value.isArray() && i < value.size(); i++) {
      if (!value.get(i).isTextual() && !value.get(i).isObject()) {
        throw new BadRequest(field + "[" + i + "] must be a string or an object", field);
      }
    }
  }

  /**
   * C0 controls and DEL: PostgreSQL refuses NUL outright, and the rest have no place in a name
   * that is stored, logged and echoed in errors.
   */
  public static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static boolean bool(ObjectNode root, String field) throws BadRequest {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new BadRequest(field + " must be a boolean", field);
    }
    return node.booleanValue();
  }

  /** {@code stream_options} is rewritten for the data plane after admission: its shape is checked now. */
  private static boolean wantsUsage(ObjectNode root) throws BadRequest {
    JsonNode options = root.get("stream_options");
    if (options == null || options.isNull()) {
      return false;
    }
    if (!options.isObject()) {
      throw new BadRequest("stream_options must be an object", "stream_options");
    }
    JsonNode include = options.get("include_usage");
    if (include == null || include.isNull()) {
      return false;
    }
    if (!include.isBoolean()) {
      throw new BadRequest("stream_options.include_usage must be a boolean",
          "stream_options.include_usage");
    }
    return include.booleanValue();
  }

  private static OptionalLong completionBound(Endpoint endpoint, ObjectNode root) throws BadRequest {
    if (endpoint.isPooling()) {
      return OptionalLong.of(0);
    }
    for (String field : new String[] {"max_completion_tokens", "max_tokens", "max_output_tokens"}) {
      JsonNode node = root.get(field);
      if (node == null || node.isNull()) {
        continue;
      }
      if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 1) {
        throw new BadRequest(field + " must be a positive integer", field);
      }
      return OptionalLong.of(node.longValue());
    }
    return OptionalLong.empty();
  }

  /**
   * How many completions the request asks for: each can use the whole completion bound, so the
   * hold multiplies by it, and past {@link #maxChoices} one request could hold a whole budget.
   */
  private int choices(ObjectNode root) throws BadRequest {
    int choices = 1;
    for (String field : new String[] {"n", "best_of"}) {
      JsonNode node = root.get(field);
      if (node == null || node.isNull()) {
        continue;
      }
      if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
        throw new BadRequest(field + " must be a positive integer", field);
      }
      if (node.intValue() > maxChoices) {
        throw new BadRequest(field + " must be at most " + maxChoices, field);
      }
      choices = Math.max(choices, node.intValue());
    }
    return choices;
  }

  /**
   * Where the end user is named: {@code user}, or on Responses, where OpenAI deprecated
   * {@code user} for it, {@code safety_identifier} when {@code user} is absent.
   */
  private static String endUserField(Endpoint endpoint, ObjectNode root) {
    boolean noUser = root.get("user") == null || root.get("user").isNull();
    return endpoint == Endpoint.RESPONSES && noUser ? "safety_identifier" : "user";
  }

  private static Optional<EndUserId> endUser(ObjectNode root, String field) throws BadRequest {
    JsonNode user = root.get(field);
    if (user == null || user.isNull()) {
      return Optional.empty();
    }
    if (!user.isTextual() || user.asText().length() > MAX_END_USER_LENGTH) {
      throw new BadRequest(field + " must be a string of at most 128 characters", field);
    }
    String value = user.asText().strip();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(EndUserId.of(value));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(field + " must be printable ASCII without spaces", field);
    }
  }
}
