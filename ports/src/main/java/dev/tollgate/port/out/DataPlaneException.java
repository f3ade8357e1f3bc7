package dev.tollgate.port.out;

/**
 * The data plane gave no response: the one infrastructure exception of the data-plane family.
 * Adapters translate their HTTP client's exceptions into this.
 */
public class DataPlaneException extends RuntimeException {

  /** What went wrong, which decides the status the client gets (502 or 504). */
  public enum Kind {
    /** Refused, reset or unreachable: 502. */
    UNREACHABLE,
    /** No response head within the timeout: 504. */
    TIMEOUT
  }

  private final Kind kind;

  public DataPlaneException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
