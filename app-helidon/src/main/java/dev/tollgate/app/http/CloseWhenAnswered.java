package dev.tollgate.app.http;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Closes the connection after an answer that says {@code Connection: close} (the client asked for
 * it, or a drain did), as RFC 9112 §9.6 has a server do. Helidon 4.2 writes the header and then
 * waits on the connection for a next request that will not come, until the client closes it or the
 * idle timeout does; a health checker that reads to the end of the stream waits as long. The
 * outermost filter, so every other one has finished with the request when the connection ends.
 *
 * <p>Only once the request's body has been read: closing with a body still unread makes the
 * kernel reset the connection, which can destroy the answer on its way. A body the handler did
 * not read (a 401 before it) is read and dropped when it declares at most
 * {@value #MAX_DISCARDED_BYTES} bytes; a longer or chunked one leaves the connection as before
 * (the client closes it, or the idle timeout).
 */
public final class CloseWhenAnswered implements Filter {

  /** The longest unread body read and dropped so that the connection can close cleanly. */
  static final long MAX_DISCARDED_BYTES = 64 * 1024;

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    chain.proceed();
    if (res.isSent() && res.headers().contains(HeaderValues.CONNECTION_CLOSE) && bodyRead(req)) {
      res.commit();
      // Helidon's signal that the connection ends here: its handler closes the socket.
      throw new CloseConnectionException("the answer said Connection: close");
    }
  }

  /** Whether no body is left unread: none came, it was read, or a short one is read now. */
  private static boolean bodyRead(RoutingRequest req) {
    if (!req.content().hasEntity() || req.content().consumed()) {
      return true;
    }
    long length = req.headers().contentLength().orElse(-1);
    if (length < 0 || length > MAX_DISCARDED_BYTES) {
      return false;
    }
    try {
      req.content().consume(); // the body timeout bounds the wait (ConnectionGuard)
      return true;
    } catch (RuntimeException e) {
      return false; // the client stopped sending: Helidon ends the connection as before
    }
  }
}
