package dev.tollgate.port.out;

/**
 * A store could not be reached or failed. The one infrastructure exception of the store family:
 * adapters translate their driver's exceptions into this, so none crosses a port.
 */
public class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
