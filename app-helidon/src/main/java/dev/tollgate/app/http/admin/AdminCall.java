package dev.tollgate.app.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.app.http.ApiError;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.app.http.Responses;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AdminResult;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One admin request: who is calling, its parameters read with bounds, and the one place
 * where use-case outcomes become statuses (not found 404, conflict 409, invalid 400, forbidden
 * 403).
 */
final class AdminCall {

  static final int MAX_BODY_BYTES = 256 * 1024;
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 1000;

  private final Actor actor;
  private final ServerRequest req;
  private final ServerResponse res;
  private final ObjectMapper mapper;

  AdminCall(Actor actor, ServerRequest req, ServerResponse res, ObjectMapper mapper) {
    this.actor = actor;
    this.req = req;
    this.res = res;
    this.mapper = mapper;
  }

  Actor actor() {
    return actor;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  ServerRequest request() {
    return req;
  }

  ServerResponse response() {
    return res;
  }

  JsonBody body(Set<String> allowed) throws Bodies.TooLarge {
    byte[] bytes = Bodies.read(req, MAX_BODY_BYTES);
    try {
      return JsonBody.of(bytes.length == 0 ? null : mapper.readTree(bytes), allowed);
    } catch (JsonProcessingException e) {
      throw new BadField(null, "The request body is not valid JSON.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as bytes, refusing more than {@code limit} (413). */
  byte[] rawBody(long limit) throws Bodies.TooLarge {
    return Bodies.read(req, limit);
  }

  String path(String name) {
    return req.path().pathParameters().get(name);
  }

  /**
   * Refuses a query parameter not in {@code allowed} (400, naming it): a misspelt or unsupported
   * filter must never silently widen a report to the unfiltered total.
   */
  void onlyQuery(java.util.Set<String> allowed) {
    java.util.Optional<String> unknown = req.query().names().stream()
        .filter(n -> !allowed.contains(n)).sorted().findFirst();
    if (unknown.isPresent()) {
      String name = unknown.get().length() > 64 ? unknown.get().substring(0, 64) : unknown.get();
      throw new BadField(name, "Unknown query parameter '" + JsonBody.noControl("parameter", name)
          + "'; this report takes " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
    }
  }

  Optional<String> query(String name, int maxLength) {
    if (!req.query().contains(name)) {
      return Optional.empty();
    }
    String value = req.query().get(name);
    if (value.length() > maxLength) {
      throw new BadField(name, "'" + name + "' is at most " + maxLength + " characters.");
    }
    return value.isEmpty() ? Optional.empty() : Optional.of(JsonBody.noControl(name, value));
  }

  int limit() {
    return query("limit", 8).map(v -> Fields.parse("limit", v, Integer::parseInt))
        .map(n -> {
          if (n < 1 || n > MAX_PAGE) {
            throw new BadField("limit", "'limit' must be 1.." + MAX_PAGE + ".");
          }
          return n;
        }).orElse(DEFAULT_PAGE);
  }

  int offset() {
    return query("offset", 10).map(v -> Fields.parse("offset", v, Integer::parseInt))
        .map(n -> {
          if (n < 0 || n > 10_000_000) {
            throw new BadField("offset", "'offset' must be 0..10000000.");
          }
          return n;
        }).orElse(0);
  }

  <T> void reply(AdminResult<T> result, int status, Function<T, JsonNode> view) {
    switch (result) {
      case AdminResult.Done<T> done -> json(status, view.apply(done.value()));
      case AdminResult.NotFound<T> nf -> error(new ApiError(404, "invalid_request_error",
          "not_found", "No such " + nf.what() + ".", null, Optional.empty()));
      case AdminResult.Conflict<T> c -> error(new ApiError(409, "invalid_request_error",
          "conflict", c.message(), null, Optional.empty()));
      case AdminResult.Invalid<T> i -> error(ApiError.invalidRequest(i.message(), i.field()));
      case AdminResult.Forbidden<T> f -> error(new ApiError(403, "invalid_request_error",
          "permission_denied", f.message(), null, Optional.empty()));
    }
  }

  void json(int status, JsonNode body) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    try {
      res.send(mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  void error(ApiError error) {
    Responses.error(res, error);
  }
}
