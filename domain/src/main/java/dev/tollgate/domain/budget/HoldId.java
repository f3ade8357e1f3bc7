package dev.tollgate.domain.budget;

import dev.tollgate.domain.ledger.RequestId;

/** Identifies one hold; a request's hold id is derived from its request id. */
public record HoldId(String value) {

  public HoldId {
    if (value == null || value.isBlank() || value.length() > 128) {
      throw new IllegalArgumentException("HoldId must be 1..128 characters");
    }
  }

  public static HoldId of(String value) {
    return new HoldId(value);
  }

  /**
   * The hold admission places for a request ({@code req:<request id>}); settlement, and the
   * journal's posting of a recorded cost, name the same hold from the request id alone.
   */
  public static HoldId forRequest(RequestId request) {
    return new HoldId("req:" + request.value());
  }

  @Override
  public String toString() {
    return value;
  }
}
