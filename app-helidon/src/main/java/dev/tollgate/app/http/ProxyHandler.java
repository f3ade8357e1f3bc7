package dev.tollgate.app.http;

import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.usage.Charge;
import dev.tollgate.domain.usage.ChargingRule;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.wire.openai.AnswerEdit;
import dev.tollgate.wire.openai.AnswerText;
import dev.tollgate.wire.openai.ClientRequest;
import dev.tollgate.wire.openai.EventText;
import dev.tollgate.wire.openai.RequestParser;
import dev.tollgate.wire.openai.UpstreamBody;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
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
  /** The route's {@code {deployment}} names the model (Azure OpenAI's spelling, {@link Unversioned}). */
  private final boolean modelFromRoute;

  public ProxyHandler(Endpoint endpoint, Gateway gateway) {
    this(endpoint, gateway, false);
  }

  ProxyHandler(Endpoint endpoint, Gateway gateway, boolean modelFromRoute) {
    this.endpoint = endpoint;
    this.gw = gateway;
    this.modelFromRoute = modelFromRoute;
  }

  /** The handler for Azure OpenAI's {@code /openai/deployments/{deployment}/…} routes. */
  public static ProxyHandler modelFromRoute(Endpoint endpoint, Gateway gateway) {
    return new ProxyHandler(endpoint, gateway, true);
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    RequestTrace trace = new RequestTrace(endpoint, gw.spans().begin(req.headers(), endpoint));
    trace.reportAround(gw.telemetry(), res, () -> serve(req, res, trace));
  }

  private void serve(ServerRequest req, ServerResponse res, RequestTrace trace) {
    RequestFront front = RequestFront.open(req, res, trace, gw, gw.maxBodyBytes());
    if (front == null) {
      return;
    }
    ClientRequest request;
    long promptTokens;
    Tags tags;
    try (BodyBuffer.Reservation held = front.room()) {
      byte[] body = Bodies.read(req, gw.maxBodyBytes());
      request = modelFromRoute
          ? gw.parser().parse(endpoint, body,
              req.path().pathParameters().first(Unversioned.DEPLOYMENT).asOptional())
          : gw.parser().parse(endpoint, body);
      tags = TagHeader.both(request.tags(), front.tags());
      promptTokens = gw.tokens().promptTokens(request);
    } catch (Bodies.TooLarge e) {
      error(res, trace, e.toError());
      return;
    } catch (RequestParser.BadRequest e) {
      error(res, trace, ApiError.invalidRequest(e.getMessage(), e.param()));
      return;
    } catch (TagHeader.Invalid e) {
      error(res, trace, e.toError());
      return;
    }
    trace.admissionBegins();
    Admission admission;
    try {
      admission = gw.tollgate().authorize().authorize(
          new AuthorizeCommand(front.secret(), request.model(), gw.requestIds().next(),
              promptTokens, request.maxCompletionTokens(), request.endUser(), request.choices())
              .withHeaderEndUser(TrustedUserHeaders.endUser(req))
              .withSession(front.session())
              .withTags(tags));
    } finally {
      trace.admissionEnds();
    }
    switch (admission) {
      case Admission.Denied denied -> {
        trace.denied(denied.reason());
        error(res, trace, ApiError.of(denied));
      }
      case Admission.Admitted admitted ->
          forward(res, request, admitted.ticket(), promptTokens, trace);
    }
  }

  /**
   * Refused before the body was read. A small body is discarded by Helidon after the answer (the
   * connection stays usable); a large or unannounced one is not read at all: the connection
   * closes after the answer.
   */
  static void refuseUnread(
      ServerRequest req, ServerResponse res, RequestTrace trace, ApiError error) {
    if (req.content().hasEntity()
        && req.headers().contentLength().orElse(Long.MAX_VALUE) > Bodies.MAX_DISCARDED_BYTES) {
      res.header(HeaderValues.CONNECTION_CLOSE);
    }
    error(res, trace, error);
  }

  /** An error answer, with the time Tollgate spent on it. */
  static void error(ServerResponse res, RequestTrace trace, ApiError error) {
    trace.overheadHeader(res);
    Responses.error(res, error);
  }

  /** Everything after admission; whatever throws, what admission took is given back. */
  private void forward(ServerResponse res, ClientRequest request, AdmissionTicket ticket,
      long promptTokens, RequestTrace trace) {
    afterAdmission(gw, ticket, trace, request.stream(),
        once -> relay(res, request, once, promptTokens, trace));
  }

  /**
   * Runs {@code relay} for an admitted request, settled exactly once: whatever throws, what
   * admission took is given back.
   */
  static void afterAdmission(Gateway gw, AdmissionTicket ticket, RequestTrace trace,
      boolean stream, java.util.function.Consumer<OnceSettled> relay) {
    OnceSettled once = new OnceSettled(gw.tollgate().settle(), ticket, trace.span());
    trace.admitted(once, stream);
    try {
      relay.accept(once);
    } catch (RuntimeException | Error e) {
      once.failIfOpen(e);
      throw e;
    }
  }

  /**
   * The data plane's answer to {@code outbound}, its head in; null when none came (the call is
   * then settled as failed and answered 502 or 504).
   */
  static UpstreamResponse send(Gateway gw, UpstreamRequest outbound, OnceSettled once,
      ServerResponse res, RequestTrace trace) {
    trace.upstreamBegins();
    try {
      UpstreamResponse upstream = gw.dataPlane().send(outbound);
      trace.upstreamHeadIn(upstream.head().status());
      return upstream;
    } catch (DataPlaneException e) {
      trace.upstreamEnds();
      once.settle(new SettleCommand.Failed(e.kind().name()));
      error(res, trace, Upstreams.unavailable(e));
      return null;
    }
  }

  /**
   * The data plane answered with an error: its body read (bounded), the call settled as failed,
   * the error answered in OpenAI's shape with the upstream's status and meaning.
   */
  static void refused(Gateway gw, UpstreamResponse upstream, OnceSettled once, ServerResponse res,
      RequestTrace trace) {
    trace.upstreamBegins();
    byte[] errorBody = Upstreams.errorBody(upstream);
    trace.upstreamEnds();
    once.settle(new SettleCommand.Failed("upstream " + upstream.head().status()));
    error(res, trace, ApiError.of(gw.dataPlane().errorOf(upstream.head(), errorBody)));
  }

  private void relay(ServerResponse res, ClientRequest request, OnceSettled once,
      long promptTokens, RequestTrace trace) {
    Map<String, String> traceContext =
        trace.dataPlaneCallBegins(once.ticket().model().upstreamName().value());
    UpstreamResponse upstream =
        send(gw, upstreamRequest(request, once.ticket(), traceContext), once, res, trace);
    if (upstream == null) {
      return;
    }
    try (upstream) {
      if (!upstream.head().isSuccess()) {
        refused(gw, upstream, once, res, trace);
      } else if (request.stream()) {
        stream(res, request, once, upstream, promptTokens, trace);
      } else {
        whole(res, request, once, upstream, promptTokens, trace);
      }
    }
  }

  /** @param traceContext the data-plane call's trace context, sent as headers */
  private UpstreamRequest upstreamRequest(ClientRequest request, AdmissionTicket ticket,
      Map<String, String> traceContext) {
    byte[] bytes = UpstreamBody.of(gw.mapper(), request, ticket.model().upstreamName().value(),
        ticket.clampedCompletionTokens());
    return new UpstreamRequest(
        endpoint, bytes, request.stream(), ticket.requestId(), ticket.model().upstreamName(),
        ticket.key().owner().tenant(), ticket.objective(),
        ticket.tenantPolicy().fairnessId(), gw.upstreamTimeout(), traceContext);
  }

  private void whole(ServerResponse res, ClientRequest request, OnceSettled once,
      UpstreamResponse upstream, long promptTokens, RequestTrace trace) {
    AdmissionTicket ticket = once.ticket();
    byte[] body;
    trace.upstreamBegins();
    try {
      body = Bodies.readUpTo(upstream, gw.maxResponseBytes());
    } catch (IOException e) {
      trace.upstreamEnds();
      once.settle(new SettleCommand.Failed("upstream body broke: " + e.getMessage()));
      error(res, trace, Upstreams.broken());
      return;
    }
    trace.upstreamEnds();
    EventText.Scan scan = EventText.scan(gw.mapper().getFactory(), body, 0, body.length);
    if (!scan.object()) {
      once.settle(new SettleCommand.Failed("upstream answered " + upstream.head().status()
          + " with a body that is not JSON"));
      error(res, trace, Upstreams.notJson());
      return;
    }
    Charge charge = ChargingRule.forAnswer(usageOf(body, scan),
        promptTokens, () -> gw.tokens().count(AnswerText.of(gw.mapper(), body)));
    // Settled before the answer goes out: a request answered 2xx is always in the ledger (its
    // journal write is local and fast; the database append happens off the request path).
    Money cost = once.settle(SettleCommand.outcomeOf(charge)).cost();
    Responses.answered(res, ticket, cost, upstream.head(), "application/json");
    byte[] edited = new AnswerEdit(request.model(), false).edit(body, 0, body.length, scan);
    trace.overheadHeader(res);
    res.send(edited == null ? body : edited);
  }

  /**
   * The answer's usage: read from its top-level usage member alone when the scan found one (a few
   * hundred bytes, where a second pass over the whole answer was 2 % of the service's CPU), else
   * from the whole answer (a usage nested in a Responses object, or one without counts).
   */
  private Optional<TokenUsage> usageOf(byte[] body, EventText.Scan scan) {
    byte[] alone = EventText.usageAlone(body, scan.usageMember());
    if (alone != null) {
      Optional<TokenUsage> usage = gw.dataPlane().usageIn(alone, 0, alone.length);
      if (usage.isPresent()) {
        return usage;
      }
    }
    return gw.dataPlane().usageIn(body, 0, body.length);
  }

  private void stream(ServerResponse res, ClientRequest request, OnceSettled once,
      UpstreamResponse upstream, long promptTokens, RequestTrace trace) {
    AdmissionTicket ticket = once.ticket();
    Responses.streaming(res, ticket, upstream.head());
    SseRelay relay = new SseRelay(gw.dataPlane(), gw.mapper(), request.wantsUsage(),
        new AnswerEdit(request.model(), UpstreamBody.cutsUsage(request)));
    trace.overheadHeader(res); // as of the head: the relay and settlement come after it
    OutputStream out = res.outputStream();
    trace.upstreamBegins();
    SseRelay.Result result = relay.relay(trace.timingFirstToken(upstream.body()), out);
    trace.upstreamEnds();
    // Settled before the stream's last chunk: a stream the client saw complete is recorded.
    once.settle(SettleCommand.outcomeOf(ChargingRule.forStream(result.usage(),
        result.upstreamBroken(), result.eventsRelayed(), promptTokens,
        () -> gw.tokens().count(result.producedText()))));
    closeQuietly(out);
  }

  /** Closing a stream whose client left fails; that is expected and already accounted for. */
  static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "client stream already gone", e);
    }
  }
}
