package dev.tollgate.app.cli;

/** The command line itself is wrong (exit 2): an unknown flag, a missing or malformed value. */
final class UsageError extends RuntimeException {

  UsageError(String message) {
    super(message, null, false, false);
  }
}
