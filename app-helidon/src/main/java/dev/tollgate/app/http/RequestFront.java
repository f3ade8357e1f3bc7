package dev.tollgate.app.http;

import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.port.in.AuthenticateKey;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * What an OpenAI-dialect {@code /v1} call settles before its body is read, in OpenAI's order: the
 * key (a 401 costs a cache lookup, never a read, a parse and a tokenization), the session and tag
 * headers, and room for the body in the buffer every request shares. The key is parsed and hashed
 * once, here; admission gets the parsed secret. The handler reads the body inside {@link #room}.
 *
 * @param tags the tags the {@code x-tollgate-tags} header names (the body may add more)
 */
record RequestFront(
    ApiKeySecret secret, Optional<SessionId> session, Tags tags, BodyBuffer.Reservation room) {

  /** The front of {@code req}, or null when it was refused, the refusal answered. */
  static RequestFront open(ServerRequest req, ServerResponse res, RequestTrace trace, Gateway gw,
      long maxBodyBytes) {
    Optional<String> key = Credentials.presentedKey(req);
    if (key.isEmpty()) {
      ProxyHandler.refuseUnread(req, res, trace, Credentials.missing());
      return null;
    }
    ApiKeySecret secret;
    switch (gw.tollgate().authenticate().authenticate(key.get())) {
      case AuthenticateKey.Refused refused -> {
        trace.denied(refused.denial().reason());
        ProxyHandler.refuseUnread(req, res, trace, ApiError.of(refused.denial()));
        return null;
      }
      case AuthenticateKey.Authenticated authenticated -> secret = authenticated.secret();
    }
    Optional<SessionId> session;
    Tags tags;
    try {
      session = gw.sessionHeaders().sessionOf(req);
      tags = TagHeader.of(req);
    } catch (SessionHeaders.Invalid e) {
      ProxyHandler.refuseUnread(req, res, trace, e.toError());
      return null;
    } catch (TagHeader.Invalid e) {
      ProxyHandler.refuseUnread(req, res, trace, e.toError());
      return null;
    }
    long declared = req.headers().contentLength().orElse(maxBodyBytes);
    Optional<BodyBuffer.Reservation> room =
        gw.bodyBuffer().reserve(Math.min(declared, maxBodyBytes));
    if (room.isEmpty()) {
      ProxyHandler.refuseUnread(req, res, trace, BodyBuffer.busy());
      return null;
    }
    return new RequestFront(secret, session, tags, room.get());
  }
}
