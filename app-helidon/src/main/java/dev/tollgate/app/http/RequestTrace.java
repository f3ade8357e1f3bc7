package dev.tollgate.app.http;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.in.SettlementReceipt;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.RequestOutcome;
import dev.tollgate.port.out.RequestTelemetry;
import dev.tollgate.port.out.StoreUnavailableException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one {@code /v1} request did, gathered as it goes, for {@link
 * dev.tollgate.port.out.RequestTelemetry}: the clock (time waiting on the data plane kept apart
 * from time spent in Tollgate), the admission's answer, and the settlement; and the request's
 * {@link RequestSpan}, whose phases it marks. One per request, on the request's thread.
 */
public final class RequestTrace {

  private static final Logger LOG = Logger.getLogger(RequestTrace.class.getName());

  /** Time spent in Tollgate so far, excluding the data plane; a stream's is as of its head. */
  static final HeaderName OVERHEAD = HeaderNames.create("x-tollgate-overhead-ms");

  private final Endpoint endpoint;
  private final long start = System.nanoTime();
  private long upstreamNanos = -1;
  private long upstreamSince;
  private long firstTokenAt = -1;
  private DenialReason denial;
  private AdmissionTicket ticket;
  private OnceSettled settled;
  private boolean stream;
  private final RequestSpan span;
  private boolean callOpen;
  private int upstreamStatus = -1;

  public RequestTrace(Endpoint endpoint, RequestSpan span) {
    this.endpoint = endpoint;
    this.span = span;
  }

  /** The request's span, for the settlement ({@link OnceSettled}) to mark. */
  public RequestSpan span() {
    return span;
  }

  public void denied(DenialReason reason) {
    denial = reason;
  }

  public void admissionBegins() {
    span.admissionBegins();
  }

  public void admissionEnds() {
    span.admissionEnds();
  }

  public void admitted(OnceSettled once, boolean streamed) {
    ticket = once.ticket();
    settled = once;
    stream = streamed;
  }

  /**
   * The call to the data plane begins (its span opens); answers the trace-context headers the
   * data plane is sent. It ends with the last {@link #upstreamEnds}.
   */
  public Map<String, String> dataPlaneCallBegins(String upstreamModel) {
    callOpen = true;
    return span.dataPlaneCallBegins(upstreamModel);
  }

  /** The data plane is being waited on from now (its head, or its body being relayed). */
  public void upstreamBegins() {
    upstreamSince = System.nanoTime();
  }

  /** The data plane's head is in; its body is still to come, so the call goes on. */
  public void upstreamHeadIn(int status) {
    upstreamNanos = Math.max(0, upstreamNanos) + (System.nanoTime() - upstreamSince);
    upstreamStatus = status;
  }

  /** The data plane is done with: its body is read or relayed, or the call failed. */
  public void upstreamEnds() {
    upstreamNanos = Math.max(0, upstreamNanos) + (System.nanoTime() - upstreamSince);
    endCall();
  }

  private void endCall() {
    if (callOpen) {
      callOpen = false;
      span.dataPlaneCallEnds(upstreamStatus);
    }
  }

  /** The stream's body, noting when its first bytes arrive (the first token's event). */
  public InputStream timingFirstToken(InputStream body) {
    return new FilterInputStream(body) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        noted(b >= 0 ? 1 : -1);
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return noted(super.read(b, off, len));
      }

      private int noted(int n) {
        if (n > 0 && firstTokenAt < 0) {
          firstTokenAt = System.nanoTime();
        }
        return n;
      }
    };
  }

  /** Sets {@link #OVERHEAD} as of now, in milliseconds with microsecond digits. */
  void overheadHeader(ServerResponse res) {
    long elapsed = System.nanoTime() - start;
    long upstreamSoFar = Math.max(0, upstreamNanos);
    Responses.own(res, OVERHEAD, millis(Math.max(0, elapsed - upstreamSoFar)));
  }

  static String millis(long nanos) {
    long micros = nanos / 1_000;
    String fraction = Long.toString(1_000 + micros % 1_000).substring(1);
    return (micros / 1_000) + "." + fraction;
  }

  /**
   * Runs a handler's work, then {@link #report}s the request with the status the client got: the
   * response's, or for what escapes the handler, the status the server's error handlers answer it
   * with (503 for the store down, the 400 of an unreadable body, {@link Bodies.CutOff#STATUS} for a
   * client gone mid-body, 500 for anything else).
   */
  public void reportAround(RequestTelemetry telemetry, ServerResponse res, Runnable serve) {
    int status = 500;
    try {
      serve.run();
      status = res.status().code();
    } catch (StoreUnavailableException e) {
      status = 503;
      throw e;
    } catch (Bodies.Unreadable e) {
      status = e.toError().status();
      throw e;
    } catch (Bodies.CutOff e) {
      status = Bodies.CutOff.STATUS;
      throw e;
    } finally {
      report(telemetry, status);
    }
  }

  /**
   * Reports the request as answered with {@code status}: its span ends and the telemetry records
   * it. Neither changes an answer: a failure is logged and dropped.
   */
  public void report(RequestTelemetry telemetry, int status) {
    endCall(); // a call that threw half way
    RequestOutcome outcome = outcome(status);
    try {
      span.ends(outcome);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "request span failed", e);
    }
    try {
      telemetry.answered(outcome);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "request telemetry failed", e);
    }
  }

  public RequestOutcome outcome(int status) {
    Optional<SettlementReceipt> receipt =
        settled == null ? Optional.empty() : settled.receipt();
    Money recorded = receipt
        .filter(r -> r.ledger().orElse(null) instanceof AppendResult.Appended)
        .map(SettlementReceipt::cost).orElse(Money.ZERO);
    Optional<TokenUsage> usage = settled == null ? Optional.empty()
        : settled.outcome().flatMap(o -> o instanceof SettleCommand.Completed c
            ? Optional.of(c.usage()) : Optional.empty());
    return new RequestOutcome(endpoint, status, Optional.ofNullable(denial),
        Optional.ofNullable(ticket), usage, recorded, stream, System.nanoTime() - start,
        upstreamNanos, firstTokenAt < 0 ? -1 : firstTokenAt - start);
  }
}
