package dev.tollgate.domain.ledger;

/**
 * What appending to the ledger did. A retried append is harmless: the same event again answers
 * {@link Exists}; a different event under a recorded request id is refused, never overwritten.
 */
public sealed interface AppendResult {

  record Appended() implements AppendResult {}

  record Exists() implements AppendResult {}

  record ExistsWithDifferentEvent(SpendEntry recorded) implements AppendResult {}

  AppendResult APPENDED = new Appended();
  AppendResult EXISTS = new Exists();

  /** Decides an append against what is recorded under the same request id, if anything. */
  static AppendResult against(SpendEntry recorded, SpendEntry incoming) {
    if (recorded == null) {
      return APPENDED;
    }
    return recorded.sameEventAs(incoming) ? EXISTS : new ExistsWithDifferentEvent(recorded);
  }
}
