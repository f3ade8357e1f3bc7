package dev.tollgate.app.http.anthropic;

import dev.tollgate.app.http.Bodies;
import dev.tollgate.app.http.BodyBuffer;
import dev.tollgate.app.http.Credentials;
import dev.tollgate.app.http.Gateway;
import dev.tollgate.app.http.OnceSettled;
import dev.tollgate.app.http.RequestTrace;
import dev.tollgate.app.http.SessionHeaders;
import dev.tollgate.app.http.TagHeader;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.port.in.AuthenticateKey;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.wire.anthropic.BodySplice;
import dev.tollgate.wire.anthropic.MessagesRequest;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens} end to end, as the OpenAI
 * routes do it: key (from {@code x-api-key} or {@code Authorization: Bearer}), body, admission
 * (limits, a budget hold covering {@code max_tokens}), forward, relay, settle exactly once. What
 * differs is Anthropic's wire: the body goes on byte for byte with only {@code model} rewritten
 * (and {@code max_tokens} when a clamp lowered it), Anthropic's headers go with it, answers come
 * back unedited ({@link Answers}), and every refusal is in Anthropic's error shape.
 *
 * <p>count_tokens is admitted like a request (it counts against the request-rate limits and needs
 * a key allowed the model) with nothing held, and is settled as not charged whatever it answers.
 */
public final class MessagesHandler implements Handler {


  private final Endpoint endpoint;
  private final Gateway gw;
  private final Answers answers;

  public MessagesHandler(Endpoint endpoint, Gateway gateway) {
    if (!endpoint.isAnthropic()) {
      throw new IllegalArgumentException("not a Messages endpoint: " + endpoint);
    }
    this.endpoint = endpoint;
    this.gw = gateway;
    this.answers = new Answers(gateway);
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    RequestTrace trace = new RequestTrace(endpoint, gw.spans().begin(req.headers(), endpoint));
    trace.reportAround(gw.telemetry(), res, () -> serve(req, res, trace));
  }

  private void serve(ServerRequest req, ServerResponse res, RequestTrace trace) {
    Optional<String> key = Credentials.presentedKey(req);
    if (key.isEmpty()) {
      refuseUnread(req, res, new AnthropicError(401, "authentication_error",
          "x-api-key header is required (or Authorization: Bearer with a Tollgate key)",
          Optional.empty(), true));
      return;
    }
    // The key is parsed (and hashed) once, here; admission gets the parsed secret.
    ApiKeySecret secret;
    switch (gw.tollgate().authenticate().authenticate(key.get())) {
      case AuthenticateKey.Refused refused -> {
        trace.denied(refused.denial().reason());
        refuseUnread(req, res, AnthropicError.of(refused.denial()));
        return;
      }
      case AuthenticateKey.Authenticated authenticated -> secret = authenticated.secret();
    }
    Optional<SessionId> session;
    Tags tags; // Anthropic's metadata has its own shape: tags come in the header only
    try {
      session = gw.sessionHeaders().sessionOf(req);
      tags = TagHeader.of(req);
    } catch (SessionHeaders.Invalid e) {
      refuseUnread(req, res, AnthropicError.invalidRequest(e.getMessage()));
      return;
    } catch (TagHeader.Invalid e) {
      refuseUnread(req, res, AnthropicError.invalidRequest(e.getMessage()));
      return;
    }
    long declared = req.headers().contentLength().orElse(gw.maxBodyBytes());
    Optional<BodyBuffer.Reservation> room =
        gw.bodyBuffer().reserve(Math.min(declared, gw.maxBodyBytes()));
    if (room.isEmpty()) {
      refuseUnread(req, res, AnthropicError.of(BodyBuffer.busy()));
      return;
    }
    MessagesRequest request;
    Map<String, String> passed;
    long promptTokens;
    try (BodyBuffer.Reservation held = room.get()) {
      request = MessagesRequest.parse(gw.mapper(), endpoint, Bodies.read(req, gw.maxBodyBytes()));
      passed = PassedHeaders.of(req);
      promptTokens = endpoint == Endpoint.MESSAGES
          ? gw.tokens().promptTokens(request.forCounting()) : 0;
    } catch (Bodies.TooLarge e) {
      AnthropicError.of(e.toError()).send(res);
      return;
    } catch (Bodies.Unreadable e) {
      AnthropicError.of(e.toError()).send(res);
      return;
    } catch (MessagesRequest.Invalid e) {
      AnthropicError.invalidRequest(e.getMessage()).send(res);
      return;
    }
    trace.admissionBegins();
    Admission admission;
    try {
      admission = gw.tollgate().authorize().authorize(new AuthorizeCommand(
          secret, request.model(), gw.requestIds().next(), promptTokens, request.maxTokens(),
          Optional.empty()).withSession(session).withTags(tags));
    } finally {
      trace.admissionEnds();
    }
    switch (admission) {
      case Admission.Denied denied -> {
        trace.denied(denied.reason());
        AnthropicError.of(denied).send(res);
      }
      case Admission.Admitted admitted ->
          forward(res, request, passed, admitted.ticket(), promptTokens, trace);
    }
  }

  private static void refuseUnread(ServerRequest req, ServerResponse res, AnthropicError error) {
    if (req.content().hasEntity()
        && req.headers().contentLength().orElse(Long.MAX_VALUE) > Bodies.MAX_DISCARDED_BYTES) {
      res.header(HeaderValues.CONNECTION_CLOSE);
    }
    error.send(res);
  }

  /** Everything after admission; whatever throws, what admission took is given back. */
  private void forward(ServerResponse res, MessagesRequest request, Map<String, String> passed,
      AdmissionTicket ticket, long promptTokens, RequestTrace trace) {
    OnceSettled once = new OnceSettled(gw.tollgate().settle(), ticket, trace.span());
    trace.admitted(once, request.stream());
    try {
      UpstreamResponse upstream;
      Map<String, String> traceContext =
          trace.dataPlaneCallBegins(ticket.model().upstreamName().value());
      Map<String, String> headers = passed;
      if (!traceContext.isEmpty()) { // tracing on: the call's context goes with the client's
        headers = new HashMap<>(passed);
        headers.putAll(traceContext);
      }
      UpstreamRequest outbound = upstreamRequest(request, headers, ticket);
      trace.upstreamBegins();
      try {
        upstream = gw.dataPlane().send(outbound);
      } catch (DataPlaneException e) {
        trace.upstreamEnds();
        once.settle(new SettleCommand.Failed(e.kind().name()));
        AnthropicError.of(Answers.unavailable(e)).send(res);
        return;
      }
      trace.upstreamHeadIn(upstream.head().status());
      try (upstream) {
        answers.answer(res, request, once, upstream, promptTokens, trace);
      }
    } catch (RuntimeException | Error e) {
      once.failIfOpen(e);
      throw e;
    }
  }

  /** @param passed the client's passed-on headers and the call's trace context */
  private UpstreamRequest upstreamRequest(
      MessagesRequest request, Map<String, String> passed, AdmissionTicket ticket) {
    Map<String, String> edits = new HashMap<>(2);
    edits.put("model", BodySplice.quoted(ticket.model().upstreamName().value()));
    ticket.clampedCompletionTokens().ifPresent(n -> edits.put("max_tokens", Long.toString(
        Math.min(n, request.maxTokens().orElse(n)))));
    byte[] body;
    try {
      body = BodySplice.replaceTopLevel(request.raw(), edits);
    } catch (IOException e) {
      throw new IllegalStateException("a body parsed as an object always splices", e);
    }
    return new UpstreamRequest(endpoint, body, request.stream(), ticket.requestId(),
        ticket.model().upstreamName(), ticket.key().owner().tenant(), ticket.objective(),
        ticket.tenantPolicy().fairnessId(), gw.upstreamTimeout(), passed);
  }
}
