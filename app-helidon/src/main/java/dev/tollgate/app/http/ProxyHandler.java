package dev.tollgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.in.AuthenticateKey;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@code /v1} operation end to end: read and validate the body, admit (key, limits, budget
 * hold), rewrite for the data plane, forward, relay the answer, settle from the usage that came
 * back. Every path that admitted a request settles it exactly once.
 */
public final class ProxyHandler implements Handler {

  private static final Logger LOG = Logger.getLogger(ProxyHandler.class.getName());

  private final Endpoint endpoint;
  private final Gateway gw;

  public ProxyHandler(Endpoint endpoint, Gateway gateway) {
    this.endpoint = endpoint;
    this.gw = gateway;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    Optional<String> key = Credentials.presentedKey(req);
    if (key.isEmpty()) {
      refuseUnread(req, res, Credentials.missing());
      return;
    }
    // The key is looked up before the body is read, as OpenAI answers 401 before 400: a forged or
    // revoked key costs a cache lookup, never a read, a parse and a tokenization.
    if (gw.tollgate().authenticate().authenticate(key.get())
        instanceof AuthenticateKey.Refused refused) {
      refuseUnread(req, res, ApiError.of(refused.denial()));
      return;
    }
    long declared = req.headers().contentLength().orElse(gw.maxBodyBytes());
    Optional<BodyBuffer.Reservation> room =
        gw.bodyBuffer().reserve(Math.min(declared, gw.maxBodyBytes()));
    if (room.isEmpty()) {
      refuseUnread(req, res, BodyBuffer.busy());
      return;
    }
    ClientRequest request;
    long promptTokens;
    try (BodyBuffer.Reservation held = room.get()) {
      byte[] body = Bodies.read(req, gw.maxBodyBytes());
      request = gw.parser().parse(endpoint, body);
      promptTokens = gw.tokens().promptTokens(request);
    } catch (Bodies.TooLarge e) {
      Responses.error(res, e.toError());
      return;
    } catch (RequestParser.BadRequest e) {
      Responses.error(res, e.toError());
      return;
    }
    Admission admission =
        gw.tollgate().authorize().authorize(
            new AuthorizeCommand(key.get(), request.model(), gw.requestIds().next(), promptTokens,
                request.maxCompletionTokens(), request.endUser(), request.choices())
                .withHeaderEndUser(TrustedUserHeaders.endUser(req)));
    switch (admission) {
      case Admission.Denied denied -> Responses.error(res, ApiError.of(denied));
      case Admission.Admitted admitted -> forward(req, res, request, admitted.ticket(), promptTokens);
    }
  }

  /**
   * Refused before the body was read. A small body is discarded by Helidon after the answer (the
   * connection stays usable); a large or unannounced one is not read at all: the connection
   * closes after the answer.
   */
  private static void refuseUnread(ServerRequest req, ServerResponse res, ApiError error) {
    if (req.content().hasEntity()
        && req.headers().contentLength().orElse(Long.MAX_VALUE) > Bodies.MAX_DISCARDED_BYTES) {
      res.header(HeaderValues.CONNECTION_CLOSE);
    }
    Responses.error(res, error);
  }

  /** Everything after admission; whatever throws, what admission took is given back. */
  private void forward(
      ServerRequest req, ServerResponse res, ClientRequest request, AdmissionTicket ticket,
      long promptTokens) {
    OnceSettled once = new OnceSettled(gw.tollgate().settle(), ticket);
    try {
      relay(res, request, once, promptTokens);
    } catch (RuntimeException | Error e) {
      once.failIfOpen(e);
      throw e;
    }
  }

  private void relay(
      ServerResponse res, ClientRequest request, OnceSettled once, long promptTokens) {
    UpstreamResponse upstream;
    try {
      upstream = gw.dataPlane().send(upstreamRequest(request, once.ticket()));
    } catch (DataPlaneException e) {
      once.settle(new SettleCommand.Failed(e.kind().name()));
      Responses.error(res, Upstreams.unavailable(e));
      return;
    }
    try (upstream) {
      if (!upstream.head().isSuccess()) {
        byte[] errorBody = Upstreams.errorBody(upstream);
        once.settle(new SettleCommand.Failed("upstream " + upstream.head().status()));
        Responses.error(res, ApiError.of(gw.dataPlane().errorOf(upstream.head(), errorBody)));
      } else if (request.stream()) {
        stream(res, request, once, upstream, promptTokens);
      } else {
        whole(res, request, once, upstream, promptTokens);
      }
    }
  }

  private UpstreamRequest upstreamRequest(ClientRequest request, AdmissionTicket ticket) {
    ObjectNode body = request.body();
    body.put("model", ticket.model().upstreamName().value());
    ticket.clampedCompletionTokens().ifPresent(n -> ClampedBody.lower(endpoint, body, n));
    if (request.stream() && endpoint != Endpoint.RESPONSES) {
      ObjectNode options = body.with("stream_options");
      options.put("include_usage", true);
    }
    byte[] bytes;
    try {
      bytes = gw.mapper().writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a parsed body always serializes", e);
    }
    return new UpstreamRequest(
        endpoint, bytes, request.stream(), ticket.requestId(), ticket.model().upstreamName(),
        ticket.key().owner().tenant(), ticket.objective(),
        ticket.tenantPolicy().fairnessId(), gw.upstreamTimeout());
  }

  private void whole(ServerResponse res, ClientRequest request, OnceSettled once,
      UpstreamResponse upstream, long promptTokens) {
    AdmissionTicket ticket = once.ticket();
    byte[] body;
    try {
      body = Bodies.readUpTo(upstream.body(), gw.maxResponseBytes());
    } catch (IOException e) {
      once.settle(new SettleCommand.Failed("upstream body broke: " + e.getMessage()));
      Responses.error(res, Upstreams.broken());
      return;
    }
    EventText.Scan scan = EventText.scan(gw.mapper().getFactory(), body, 0, body.length);
    if (!scan.object()) {
      once.settle(new SettleCommand.Failed("upstream answered " + upstream.head().status()
          + " with a body that is not JSON"));
      Responses.error(res, Upstreams.notJson());
      return;
    }
    Optional<TokenUsage> reported = gw.dataPlane().usageIn(body, 0, body.length);
    SettleCommand.Completed done =
        reported
            .map(u -> new SettleCommand.Completed(u, UsageSource.REPORTED))
            .orElseGet(() -> estimated(promptTokens, Upstreams.producedText(gw.mapper(), body)));
    // Settled before the answer goes out: a request answered 2xx is always in the ledger (its
    // journal write is local and fast; the database append happens off the request path).
    Money cost = once.settle(done).cost();
    Responses.admittedHeaders(res, ticket);
    res.header(Responses.COST, cost.toPlainUsd());
    Responses.budgetRemaining(res, remainingAfter(ticket, cost));
    res.header(HeaderNames.CONTENT_TYPE,
        upstream.head().header("content-type").orElse("application/json"));
    byte[] edited = new AnswerEdit(request.model(), false).edit(body, 0, body.length, scan);
    res.send(edited == null ? body : edited);
  }

  private void stream(
      ServerResponse res, ClientRequest request, OnceSettled once,
      UpstreamResponse upstream, long promptTokens) {
    AdmissionTicket ticket = once.ticket();
    Responses.admittedHeaders(res, ticket);
    res.header(Responses.MAX_COST, ticket.heldAmount().toPlainUsd());
    Responses.budgetRemaining(res, ticket.tightestBudgetRemaining());
    res.header(HeaderNames.CONTENT_TYPE,
        upstream.head().header("content-type").orElse("text/event-stream"));
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    // Usage is cut only where Tollgate asked for it (not the Responses API, which always sends it).
    boolean dropUsage = !request.wantsUsage() && endpoint != Endpoint.RESPONSES;
    SseRelay relay = new SseRelay(gw.dataPlane(), gw.mapper(), request.wantsUsage(),
        new AnswerEdit(request.model(), dropUsage));
    OutputStream out = res.outputStream();
    SseRelay.Result result = relay.relay(upstream.body(), out);
    // Settled before the stream's last chunk: a stream the client saw complete is recorded.
    once.settle(streamed(result, promptTokens));
    closeQuietly(out);
  }

  /** Closing a stream whose client left fails; that is expected and already accounted for. */
  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "client stream already gone", e);
    }
  }

  /** Charge what a stream produced; nothing only if it broke before producing anything. */
  private SettleCommand.CallOutcome streamed(SseRelay.Result r, long promptTokens) {
    if (r.usage().isPresent()) {
      return new SettleCommand.Completed(r.usage().get(), UsageSource.REPORTED);
    }
    if (r.upstreamBroken() && r.eventsRelayed() == 0) {
      return new SettleCommand.Failed("upstream stream broke before any event");
    }
    return estimated(promptTokens, r.producedText());
  }

  private SettleCommand.Completed estimated(long promptTokens, String produced) {
    return new SettleCommand.Completed(
        TokenUsage.of(promptTokens, gw.tokens().count(produced)), UsageSource.ESTIMATED);
  }

  private static Optional<Money> remainingAfter(AdmissionTicket ticket, Money cost) {
    return ticket.tightestBudgetRemaining().map(r -> r.plus(ticket.heldAmount()).minus(cost));
  }
}
