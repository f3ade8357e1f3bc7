package dev.tollgate.app.litellm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.Actor;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** One LiteLLM management call: who calls, its body and query read with bounds, the answer. */
final class LitellmCall {

  static final int MAX_BODY_BYTES = 256 * 1024;

  private final Actor actor;
  private final ServerRequest req;
  private final ServerResponse res;
  private final ObjectMapper mapper;
  private final Instant now;

  LitellmCall(Actor actor, ServerRequest req, ServerResponse res, ObjectMapper mapper,
      Instant now) {
    this.actor = actor;
    this.req = req;
    this.res = res;
    this.mapper = mapper;
    this.now = now;
  }

  Actor actor() {
    return actor;
  }

  Instant now() {
    return now;
  }

  LitellmBody body(Set<String> known) throws Bodies.TooLarge {
    byte[] bytes = Bodies.read(req, MAX_BODY_BYTES);
    try {
      return LitellmBody.of(bytes.length == 0 ? null : mapper.readTree(bytes), known);
    } catch (JsonProcessingException e) {
      throw LitellmError.badRequest(null, "The request body is not valid JSON.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refuses a query parameter not in {@code known}: a misspelt filter never widens an answer. */
  void onlyQuery(Set<String> known) {
    Optional<String> unknown = req.query().names().stream().filter(n -> !known.contains(n))
        .sorted().findFirst();
    if (unknown.isPresent()) {
      String name = unknown.get().length() > 64 ? unknown.get().substring(0, 64) : unknown.get();
      throw LitellmError.badRequest(name, "Unknown query parameter '" + name.replaceAll(
          "\\p{Cntrl}", "?") + "'; this route takes " + String.join(", ", new java.util.TreeSet<>(
          known)) + ".");
    }
  }

  Optional<String> query(String name, int maxLength) {
    if (!req.query().contains(name)) {
      return Optional.empty();
    }
    String v = req.query().get(name);
    if (v.length() > maxLength || v.chars().anyMatch(Character::isISOControl)) {
      throw LitellmError.badRequest(name, "'" + name + "' is at most " + maxLength
          + " printable characters.");
    }
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  String requiredQuery(String name, int maxLength) {
    return query(name, maxLength)
        .orElseThrow(() -> LitellmError.badRequest(name, "'" + name + "' is required."));
  }

  ObjectNode object() {
    return mapper.createObjectNode();
  }

  ArrayNode array() {
    return mapper.createArrayNode();
  }

  /** Dollars as a JSON number, exact (LiteLLM's fields are numbers; ours never a float). */
  JsonNode usd(Money m) {
    return mapper.getNodeFactory().numberNode(m.toUsd().stripTrailingZeros());
  }

  JsonNode usd(Optional<Money> m) {
    return m.map(this::usd).orElse(mapper.getNodeFactory().nullNode());
  }

  void json(JsonNode body) {
    res.status(200);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    try {
      res.send(mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
