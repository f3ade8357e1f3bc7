package dev.tollgate.wire.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.wire.openai.ClientRequest;
import dev.tollgate.wire.openai.RequestParser;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Messages or count_tokens body checked just enough to admit it: {@code model}, {@code stream},
 * {@code max_tokens} (required on {@code /v1/messages}, as Anthropic requires it: the hold covers
 * it) and {@code messages}; everything else (tools, thinking, {@code cache_control} of any shape,
 * betas' fields) is Anthropic's business and is passed on untouched.
 *
 * @param raw the body exactly as the client sent it
 * @param promptText system, messages and tool definitions, for the admission estimate
 */
public record MessagesRequest(
    Endpoint endpoint, byte[] raw, String model, boolean stream, OptionalLong maxTokens,
    String promptText, int promptParts) {

  /** A client mistake, answered 400 {@code invalid_request_error} with Anthropic's wording. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message, null, false, false);
    }
  }

  public static MessagesRequest parse(ObjectMapper mapper, Endpoint endpoint, byte[] raw) throws Invalid {
    ObjectNode root = object(mapper, raw);
    String model = model(root);
    boolean stream = endpoint == Endpoint.MESSAGES && bool(root, "stream");
    OptionalLong maxTokens = endpoint == Endpoint.MESSAGES
        ? OptionalLong.of(maxTokens(root)) : OptionalLong.of(0);
    JsonNode messages = root.get("messages");
    if (messages == null || messages.isNull()) {
      throw new Invalid("messages: Field required");
    }
    if (!messages.isArray()) {
      throw new Invalid("messages: Input should be a valid list");
    }
    for (int i = 0; i < messages.size(); i++) {
      if (!messages.get(i).isObject()) {
        throw new Invalid("messages." + i + ": Input should be an object with a role and content");
      }
    }
    MessagesText.Prompt prompt = MessagesText.prompt(root);
    return new MessagesRequest(endpoint, raw, model, stream, maxTokens, prompt.text(),
        prompt.parts());
  }

  /** The same facts as the OpenAI routes' request, for the token counter. */
  public ClientRequest forCounting() {
    return new ClientRequest(endpoint, JsonNodeFactory.instance.objectNode(), model, stream, false,
        maxTokens, Optional.empty(), promptText, promptParts, 1);
  }

  private static ObjectNode object(ObjectMapper mapper, byte[] raw) throws Invalid {
    try {
      JsonNode node = mapper.readTree(raw);
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw new Invalid("The request body must be a JSON object.");
    } catch (JsonProcessingException e) {
      throw new Invalid("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Invalid("The request body could not be read.");
    }
  }

  private static String model(ObjectNode root) throws Invalid {
    JsonNode model = root.get("model");
    if (model == null || model.isNull()) {
      throw new Invalid("model: Field required");
    }
    if (!model.isTextual() || model.asText().isBlank()
        || model.asText().length() > ModelName.MAX_LENGTH
        || RequestParser.hasControlCharacter(model.asText())) {
      throw new Invalid("model: Input should be a non-empty string of at most "
          + ModelName.MAX_LENGTH + " printable characters");
    }
    return model.asText();
  }

  private static long maxTokens(ObjectNode root) throws Invalid {
    JsonNode node = root.get("max_tokens");
    if (node == null || node.isNull()) {
      throw new Invalid("max_tokens: Field required");
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
      throw new Invalid("max_tokens: Input should be a positive integer");
    }
    return node.longValue();
  }

  private static boolean bool(ObjectNode root, String field) throws Invalid {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new Invalid(field + ": Input should be a valid boolean");
    }
    return node.booleanValue();
  }
}
