package dev.tollgate.port.out.reconcile;

/** A data plane's counters could not be read (unreachable, an error answer, unreadable text). */
public final class CountersUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CountersUnavailableException(String message) {
    super(message);
  }

  public CountersUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
