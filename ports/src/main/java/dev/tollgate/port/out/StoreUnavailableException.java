package dev.tollgate.port.out;

/**
 * A store could not be reached or failed. The one infrastructure exception of the store family:
 * adapters translate their driver's exceptions into this, so none crosses a port. Only this type
 * itself means an outage (the connection, a timeout, the pool); its subtype
 * {@link StoreRefusedException} is a store that answered and refused one statement.
 */
public class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
