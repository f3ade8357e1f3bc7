package dev.tollgate.port.out;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import java.util.Optional;

/**
 * One {@code /v1} request as it ended. Times are {@link System#nanoTime()}-style durations in
 * nanoseconds measured by the HTTP layer; {@code -1} where a phase did not happen.
 *
 * @param endpoint the operation
 * @param status the HTTP status answered
 * @param denial why admission refused it, if it did
 * @param ticket what admission granted (tenant, key, model), if it admitted
 * @param usage the tokens settled, if the call completed
 * @param recordedCost what the ledger recorded for it: zero unless a spend entry was written
 * @param stream whether the answer was a server-sent event stream
 * @param totalNanos from the request's arrival to its last byte handed to the server
 * @param upstreamNanos time spent waiting on the data plane (head, and the body it relayed)
 * @param firstTokenNanos for a stream, from arrival to the first event relayed
 */
public record RequestOutcome(
    Endpoint endpoint,
    int status,
    Optional<DenialReason> denial,
    Optional<AdmissionTicket> ticket,
    Optional<TokenUsage> usage,
    Money recordedCost,
    boolean stream,
    long totalNanos,
    long upstreamNanos,
    long firstTokenNanos) {

  public RequestOutcome {
    if (endpoint == null || denial == null || ticket == null || usage == null
        || recordedCost == null) {
      throw new IllegalArgumentException("endpoint, denial, ticket, usage and cost are required");
    }
  }

  /** Time spent in Tollgate itself: the total less the wait on the data plane. */
  public long overheadNanos() {
    return totalNanos - Math.max(0, upstreamNanos);
  }
}
