package dev.tollgate.port.out.litellm;

/** The LiteLLM database could not be read (unreachable, refused, not a LiteLLM schema). */
public class LitellmSourceException extends RuntimeException {

  public LitellmSourceException(String message) {
    super(message);
  }

  public LitellmSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
