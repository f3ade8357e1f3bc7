package dev.tollgate.app.cli;

import dev.tollgate.port.in.admin.AdminResult;

/** The one place the CLI turns an {@link AdminResult} refusal into the message an operator reads. */
final class Outcomes {

  private Outcomes() {}

  /**
   * The value of a done result; a refusal stops the command with exit 1 and its message.
   *
   * @param subject what the command named, e.g. {@code key 'k-1'}, shown when it is not found
   */
  static <T> T done(AdminResult<T> result, String subject) {
    return switch (result) {
      case AdminResult.Done<T> d -> d.value();
      case AdminResult.NotFound<T> n ->
          throw new Refused("not found: no such " + n.what() + " (" + subject + ").");
      case AdminResult.Conflict<T> c -> throw new Refused("conflict: " + c.message());
      case AdminResult.Invalid<T> i -> throw new Refused("invalid " + i.field() + ": " + i.message());
      case AdminResult.Forbidden<T> f -> throw new Refused("forbidden: " + f.message());
    };
  }
}
