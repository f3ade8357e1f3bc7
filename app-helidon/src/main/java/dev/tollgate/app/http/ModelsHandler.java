package dev.tollgate.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.port.in.ListModels;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{model}} (the SDKs' {@code models.retrieve}):
 * only the models the presented key may call, in OpenAI's shapes, {@code created} being when the
 * model was added to the catalog. A model the key may not call is a 404, as if it did not exist.
 */
public final class ModelsHandler implements Handler {

  /** The path parameter of the one-model route: the rest of the path, since ids may hold '/'. */
  public static final String MODEL_PARAM = "model";

  private final ListModels models;
  private final ObjectMapper mapper;

  public ModelsHandler(ListModels models, ObjectMapper mapper) {
    this.models = models;
    this.mapper = mapper;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    Optional<String> key = Credentials.presentedKey(req);
    if (key.isEmpty()) {
      Responses.error(res, Credentials.missing());
      return;
    }
    Optional<String> wanted = req.path().pathParameters().first(MODEL_PARAM).asOptional();
    switch (models.list(key.get())) {
      case ListModels.Refused refused -> Responses.error(res, ApiError.of(refused.denial()));
      case ListModels.Models list when wanted.isEmpty() -> send(res, list(list));
      case ListModels.Models list -> list.models().stream()
          .filter(m -> m.name().value().equals(wanted.get())).findFirst()
          .ifPresentOrElse(m -> send(res, model(mapper.createObjectNode(), m)),
              () -> Responses.error(res, notFound(wanted.get())));
    }
  }

  private ObjectNode list(ListModels.Models list) {
    ObjectNode root = mapper.createObjectNode().put("object", "list");
    ArrayNode data = root.putArray("data");
    list.models().forEach(m -> model(data.addObject(), m));
    return root;
  }

  private static ObjectNode model(ObjectNode node, ServedModel m) {
    return node.put("id", m.name().value())
        .put("object", "model")
        .put("created", m.addedAt().getEpochSecond())
        .put("owned_by", "tollgate");
  }

  /** OpenAI's answer for a model that does not exist, or that this key may not see. */
  static ApiError notFound(String model) {
    return new ApiError(404, "invalid_request_error", "model_not_found",
        "The model '" + model + "' does not exist or you do not have access to it.", "model",
        Optional.empty());
  }

  private void send(ServerResponse res, ObjectNode body) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    try {
      res.send(mapper.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
