package dev.tollgate.app.cli;

import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/** The command line itself is wrong (exit 2): an unknown flag, a missing or malformed value. */
final class UsageError extends RuntimeException {

  UsageError(String message) {
    super(message, null, false, false);
  }

  /**
   * What {@code make} builds from the operator's values; a value its constructor refuses is the
   * operator's mistake, not the program's, so it is a usage error naming {@code what}.
   */
  static <T> T checked(String what, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw new UsageError(what + ": " + e.getMessage());
    }
  }
}
