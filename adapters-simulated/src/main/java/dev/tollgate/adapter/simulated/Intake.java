package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checks every endpoint shares, in order: read the body, honour {@code x-sim-fail}, read
 * {@code x-sim-tokens}, parse the JSON object, and require a served {@code model}.
 */
final class Intake {

  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
  static final HeaderName FAIL = HeaderNames.create("x-sim-fail");
  static final HeaderName TOKENS = HeaderNames.create("x-sim-tokens");

  private final Map<String, String> quotedModels = new LinkedHashMap<>();
  private final Clock clock;

  Intake(List<String> models, Clock clock) {
    models.forEach(model -> quotedModels.put(model, Wire.quote(model)));
    this.clock = clock;
  }

  Call read(ServerRequest req) {
    byte[] body = body(req);
    failure(req).ifPresent(reply -> {
      throw new RejectedRequest(reply);
    });
    OptionalInt tokens = tokensOverride(req);
    JsonNode json = parse(body);
    String model = model(json);
    JsonNode stream = json.get("stream");
    return new Call(json, model, quotedModels.get(model), clock.instant().getEpochSecond(),
        stream != null && stream.asBoolean(false),
        json.path("stream_options").path("include_usage").asBoolean(false), tokens);
  }

  /**
   * An audio form's checks: the body (up to {@link TranscriptionEndpoint#MAX_FORM_BYTES}), the
   * failure header, and a served model in the form's {@code model} field.
   */
  AudioForm readForm(ServerRequest req) {
    byte[] body;
    try (var in = req.content().inputStream()) {
      body = in.readNBytes(TranscriptionEndpoint.MAX_FORM_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    failure(req).ifPresent(reply -> {
      throw new RejectedRequest(reply);
    });
    AudioForm form = AudioForm.of(req.headers().first(io.helidon.http.HeaderNames.CONTENT_TYPE)
        .orElse(""), body);
    String model = form.field("model")
        .orElseThrow(() -> new RejectedRequest(ErrorReply.missingParameter("model")));
    if (!quotedModels.containsKey(model)) {
      throw new RejectedRequest(ErrorReply.modelNotFound(model));
    }
    return form;
  }

  static Optional<ErrorReply> failure(ServerRequest req) {
    Optional<String> fail = req.headers().first(FAIL);
    if (fail.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(switch (fail.get().trim()) {
      case "429" -> ErrorReply.rateLimited();
      case "500" -> ErrorReply.serverError();
      case "503" -> ErrorReply.overloaded();
      case "text503" -> ErrorReply.textUnavailable();
      default -> ErrorReply.invalidHeader("x-sim-fail", "expected 429, 500, 503 or text503");
    });
  }

  private static OptionalInt tokensOverride(ServerRequest req) {
    Optional<String> value = req.headers().first(TOKENS);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int tokens = Integer.parseInt(value.get().trim());
      if (tokens >= 0 && tokens <= SimulatorSettings.MAX_TOKENS_LIMIT) {
        return OptionalInt.of(tokens);
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw new RejectedRequest(ErrorReply.invalidHeader("x-sim-tokens",
        "expected an integer 0.." + SimulatorSettings.MAX_TOKENS_LIMIT));
  }

  private static byte[] body(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    try (var in = req.content().inputStream()) {
      return in.readNBytes(MAX_BODY_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode json = Wire.MAPPER.readTree(body);
      if (json != null && json.isObject()) {
        return json;
      }
    } catch (JacksonException e) {
      // malformed: answered below like any non-object
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new RejectedRequest(ErrorReply.invalidJson());
  }

  private String model(JsonNode json) {
    JsonNode model = json.get("model");
    if (model == null || model.isNull()) {
      throw new RejectedRequest(ErrorReply.missingParameter("model"));
    }
    if (!model.isTextual()) {
      throw new RejectedRequest(ErrorReply.invalidValue("model", "'model' must be a string."));
    }
    if (!quotedModels.containsKey(model.asText())) {
      throw new RejectedRequest(ErrorReply.modelNotFound(model.asText()));
    }
    return model.asText();
  }
}
