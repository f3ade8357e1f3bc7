package dev.tollgate.domain.budget;

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

  @Override
  public String toString() {
    return value;
  }
}
