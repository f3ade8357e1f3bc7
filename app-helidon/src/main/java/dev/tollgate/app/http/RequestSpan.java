package dev.tollgate.app.http;

import dev.tollgate.port.out.RequestOutcome;
import java.util.Map;

/**
 * The trace of one {@code /v1} request as it happens: a server span with a child for admission,
 * one for the call to the data plane and one for settlement. The HTTP layer marks the phases;
 * an implementation (OpenTelemetry's, in {@code app.tracing}) turns them into spans. {@link #NONE}
 * does nothing and allocates nothing, so a service with tracing off pays a few virtual calls.
 * Like telemetry, a span never changes an answer: implementations do not throw.
 */
public interface RequestSpan {

  /** Tracing off, or this request not sampled. */
  RequestSpan NONE = new RequestSpan() {};

  /** Admission (limits, budget hold) begins. */
  default void admissionBegins() {}

  default void admissionEnds() {}

  /**
   * The call to the data plane begins; answers the headers that carry its trace context to the
   * data plane (W3C {@code traceparent}, lower-case names), empty when nothing is traced.
   *
   * @param upstreamModel the model name the data plane is asked for
   */
  default Map<String, String> dataPlaneCallBegins(String upstreamModel) {
    return Map.of();
  }

  /** The data plane's answer is in (a stream's last event relayed) or the call failed. */
  default void dataPlaneCallEnds(int upstreamStatus) {}

  default void settlementBegins() {}

  /** @param costNanoUsd what settlement charged; -1 when it threw */
  default void settlementEnds(long costNanoUsd) {}

  /** The request is answered (a stream: relayed and settled); the server span ends here. */
  default void ends(RequestOutcome outcome) {}
}
