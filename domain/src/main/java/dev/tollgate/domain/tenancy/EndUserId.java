package dev.tollgate.domain.tenancy;

/** The end user a request names (OpenAI's {@code user} field): attributed in the ledger, never trusted for authorization. */
public record EndUserId(String value) {

  public EndUserId {
    Ids.require("EndUserId", value);
  }

  public static EndUserId of(String value) {
    return new EndUserId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
