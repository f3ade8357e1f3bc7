package dev.tollgate.port.in.planted.untyped;

/** Planted: a use case that answers Object for the caller to cast (NO_OBJECT_RESULTS_IN_USE_CASES). */
public interface UntypedUseCase {

  Object authorize(String request);
}
