package dev.tollgate.port.out;

/**
 * A key store refused a save because another key of the same tenant has the alias: the last line
 * behind the service's own check, for two saves that race. The service answers it as a conflict.
 */
public final class DuplicateAliasException extends RuntimeException {

  public DuplicateAliasException(String alias, Throwable cause) {
    super("another key of this tenant is named '" + alias + "'", cause);
  }
}
