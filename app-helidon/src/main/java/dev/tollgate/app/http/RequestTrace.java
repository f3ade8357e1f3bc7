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
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What one {@code /v1} request did, gathered as it goes, for {@link
 * dev.tollgate.port.out.RequestTelemetry}: the clock (time waiting on the data plane kept apart
 * from time spent in Tollgate), the admission's answer, and the settlement. One per request, on
 * the request's thread.
 */
public final class RequestTrace {

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

  public RequestTrace(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  public void denied(DenialReason reason) {
    denial = reason;
  }

  public void admitted(OnceSettled once, boolean streamed) {
    ticket = once.ticket();
    settled = once;
    stream = streamed;
  }

  /** The data plane is being waited on from now (its head, or its body being relayed). */
  public void upstreamBegins() {
    upstreamSince = System.nanoTime();
  }

  public void upstreamEnds() {
    upstreamNanos = Math.max(0, upstreamNanos) + (System.nanoTime() - upstreamSince);
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
    res.header(OVERHEAD, millis(Math.max(0, elapsed - upstreamSoFar)));
  }

  static String millis(long nanos) {
    long micros = nanos / 1_000;
    String fraction = Long.toString(1_000 + micros % 1_000).substring(1);
    return (micros / 1_000) + "." + fraction;
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
