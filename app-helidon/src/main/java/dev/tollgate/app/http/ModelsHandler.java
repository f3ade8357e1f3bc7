package dev.tollgate.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.port.in.ListModels;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** {@code GET /v1/models}: only the models the presented key may call, in OpenAI's list shape. */
public final class ModelsHandler implements Handler {

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
    switch (models.list(key.get())) {
      case ListModels.Refused refused -> Responses.error(res, ApiError.of(refused.denial()));
      case ListModels.Models list -> send(res, list);
    }
  }

  private void send(ServerResponse res, ListModels.Models list) {
    ObjectNode root = mapper.createObjectNode().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (ModelSpec m : list.models()) {
      data.addObject()
          .put("id", m.name().value())
          .put("object", "model")
          .put("created", 0)
          .put("owned_by", "tollgate");
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    try {
      res.send(mapper.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
