package dev.tollgate.app.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * How an error raised outside a route's own handler is written: an unknown route, a wrong method,
 * a query or a framing refused before routing, an unreadable body, the store down, a failure. It
 * is written in the shape of the API the request was for, so the caller's SDK reads it as one of
 * its own: {@link #OPENAI} writes OpenAI's for every request; the service wires one that writes
 * Anthropic's on Anthropic's routes ({@code anthropic.ErrorsByDialect}).
 */
@FunctionalInterface
public interface ErrorShape {

  /** OpenAI's {@code {"error":{…}}}, with {@code Retry-After} when the error has one. */
  ErrorShape OPENAI = (path, headers, error) ->
      new Written(error.status(), error.body(), retryAfter(error));

  /** {@code Retry-After} in whole seconds when the error has a wait, for any API's shape. */
  static List<Header> retryAfter(ApiError error) {
    return error.retryAfterSeconds()
        .map(s -> List.<Header>of(HeaderValues.create(HeaderNames.RETRY_AFTER, s)))
        .orElse(List.of());
  }

  /** An error as one API writes it: its status, its JSON body and the headers that go with it. */
  record Written(int status, byte[] body, List<Header> headers) {
    public Written {
      headers = List.copyOf(headers);
    }
  }

  /**
   * {@code error} as written for a request to {@code path} carrying {@code headers} (both empty
   * for a request Helidon could not parse).
   */
  Written write(String path, Headers headers, ApiError error);

  /** Sends {@code error} in the request's shape, unless a response already went out. */
  default void send(ServerRequest req, ServerResponse res, ApiError error) {
    if (res.isSent()) {
      return;
    }
    Written written = write(req.path().path(), req.headers(), error);
    res.status(written.status());
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    written.headers().forEach(res::header);
    Head.send(req, res, written.body());
  }
}
