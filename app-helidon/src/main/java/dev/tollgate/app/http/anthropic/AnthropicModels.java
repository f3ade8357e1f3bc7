package dev.tollgate.app.http.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Credentials;
import dev.tollgate.app.http.ModelsHandler;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.port.in.ListModels;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{model}} in Anthropic's shapes, for a request
 * that carries {@code anthropic-version} (Claude Code and the Anthropic SDKs discover models
 * there): {@code {"data":[{"type":"model","id","display_name","created_at"}],"has_more":false,
 * "first_id","last_id"}}. The same models as the OpenAI shape lists: those the key may call, a
 * tenant's aliases included, in one page.
 */
public final class AnthropicModels implements Handler {

  private final ListModels models;
  private final ObjectMapper mapper;

  public AnthropicModels(ListModels models, ObjectMapper mapper) {
    this.models = models;
    this.mapper = mapper;
  }

  /** Anthropic's shape when the request carries {@code anthropic-version}, else OpenAI's. */
  public static Handler byDialect(Handler openAi, Handler anthropic) {
    return (req, res) -> {
      if (req.headers().contains(HeaderNames.create("anthropic-version"))) {
        anthropic.handle(req, res);
      } else {
        openAi.handle(req, res);
      }
    };
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    Optional<String> key = Credentials.presentedKey(req);
    if (key.isEmpty()) {
      new AnthropicError(401, "authentication_error", "x-api-key header is required",
          Optional.empty(), true).send(res);
      return;
    }
    Optional<String> wanted =
        req.path().pathParameters().first(ModelsHandler.MODEL_PARAM).asOptional();
    switch (models.list(key.get())) {
      case ListModels.Refused refused -> AnthropicError.of(refused.denial()).send(res);
      case ListModels.Models list when wanted.isEmpty() -> send(res, page(list.models()));
      case ListModels.Models list -> list.models().stream()
          .filter(m -> m.name().value().equals(wanted.get())).findFirst()
          .ifPresentOrElse(m -> send(res, model(mapper.createObjectNode(), m)),
              () -> new AnthropicError(404, "not_found_error", "model: " + wanted.get(),
                  Optional.empty(), true).send(res));
    }
  }

  private ObjectNode page(List<ServedModel> served) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode data = root.putArray("data");
    served.forEach(m -> model(data.addObject(), m));
    root.put("has_more", false);
    if (served.isEmpty()) {
      root.putNull("first_id").putNull("last_id");
    } else {
      root.put("first_id", served.get(0).name().value())
          .put("last_id", served.get(served.size() - 1).name().value());
    }
    return root;
  }

  private static ObjectNode model(ObjectNode node, ServedModel m) {
    return node.put("type", "model")
        .put("id", m.name().value())
        .put("display_name", m.name().value())
        .put("created_at", m.addedAt().toString());
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
