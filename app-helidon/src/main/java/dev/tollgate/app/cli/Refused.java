package dev.tollgate.app.cli;

/** The command was understood but not done (exit 1): not found, conflict, invalid, forbidden. */
final class Refused extends RuntimeException {

  Refused(String message) {
    super(message, null, false, false);
  }
}
