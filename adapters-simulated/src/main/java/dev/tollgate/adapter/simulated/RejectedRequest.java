package dev.tollgate.adapter.simulated;

/**
 * Thrown while reading a request that must be answered with an error; caught in exactly one place,
 * {@link Simulator}'s handler guard, which sends the carried reply. No stack trace is kept: this is
 * control flow for a well-understood outcome, not a fault.
 */
final class RejectedRequest extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ErrorReply reply;

  RejectedRequest(ErrorReply reply) {
    super("rejected with HTTP " + reply.status(), null, false, false);
    this.reply = reply;
  }

  ErrorReply reply() {
    return reply;
  }
}
