package dev.tollgate.port.in.planted.outbound;

import dev.tollgate.port.out.HoldOutcome;

/**
 * Planted: a use case whose answer is an outbound port's type
 * (INBOUND_PORTS_DO_NOT_DEPEND_ON_OUTBOUND_PORTS).
 */
public interface UseCaseAnsweringAStoreType {

  HoldOutcome hold(String requestId);
}
