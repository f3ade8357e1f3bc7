package dev.tollgate.app.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code HEAD} wherever {@code GET} is served (RFC 9110 §9.3.2), which Helidon does not do on its
 * own: the GET handler runs as it would, and its status and headers go out with the
 * {@code Content-Length} its body would have had, but not the body. A load balancer's or an uptime
 * checker's {@code HEAD /healthz} is then a 200 instead of a 404, and a HEAD never leaves a body
 * on a kept-alive connection for the client to read as the next response.
 */
public final class Head {

  private Head() {}

  /** Registers {@code handler} for {@code GET} on {@code path}, and for {@code HEAD} through it. */
  public static void get(HttpRules rules, String path, Handler handler) {
    rules.get(path, handler);
    rules.route(Method.HEAD, path, of(handler));
  }

  /** {@code get} answering a {@code HEAD}: its headers and length, without its body. */
  public static Handler of(Handler get) {
    return (req, res) -> get.handle(req, new HeadResponse(res));
  }

  /**
   * Sends {@code body}, or for a {@code HEAD} request only its length: for responses written
   * outside a route's handler (an error handler's, an unmatched route's), which see Helidon's own
   * response rather than a HEAD route's.
   */
  public static void send(ServerRequest req, ServerResponse res, byte[] body) {
    if (isHead(req)) {
      withoutBody(res, body.length);
    } else {
      res.send(body);
    }
  }

  static boolean isHead(ServerRequest req) {
    return req.prologue().method() == Method.HEAD;
  }

  /** The headers of a response whose body would be {@code length} bytes, and no body. */
  static void withoutBody(ServerResponse res, long length) {
    int status = res.status().code();
    if (status != 204 && status != 304) { // those carry no length (Helidon answers 500 if they do)
      res.header(HeaderNames.CONTENT_LENGTH, Long.toString(length));
    }
    // Helidon keeps a Content-Length already set and writes no entity bytes for an empty send.
    res.send();
  }
}
