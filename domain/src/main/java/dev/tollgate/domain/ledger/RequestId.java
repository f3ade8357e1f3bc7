package dev.tollgate.domain.ledger;

/** One client request end to end; the ledger records at most one entry per request id. */
public record RequestId(String value) {

  public RequestId {
    if (value == null || value.isBlank() || value.length() > 128) {
      throw new IllegalArgumentException("RequestId must be 1..128 characters");
    }
  }

  public static RequestId of(String value) {
    return new RequestId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
