package dev.tollgate.port.out;

/**
 * The store answered and refused this one statement: data it cannot hold (a NUL in a text
 * value), a constraint, a query the adapter got wrong. The store is reachable, so this is not an
 * outage: it fails the one call (a 500: validation should have caught what a client sent) and
 * never marks the service degraded. A subtype of {@link StoreUnavailableException} so that every
 * caller that falls back on a store failure still does.
 */
public class StoreRefusedException extends StoreUnavailableException {

  public StoreRefusedException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreRefusedException(String message) {
    super(message);
  }
}
