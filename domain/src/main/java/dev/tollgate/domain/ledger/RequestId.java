package dev.tollgate.domain.ledger;

import java.nio.charset.StandardCharsets;

/** One client request end to end; the ledger records at most one entry per request id. */
public record RequestId(String value) {

  /** Crockford's base-32 digits, lower case: ascending in ASCII, so equal widths sort as numbers. */
  private static final byte[] DIGITS =
      "0123456789abcdefghjkmnpqrstvwxyz".getBytes(StandardCharsets.US_ASCII);
  private static final int MILLIS_DIGITS = 10; // 50 bits: past the year 30,000
  private static final int INSTANCE_DIGITS = 8; // 40 bits
  private static final int COUNTER_DIGITS = 8; // 40 bits; more when a counter passes them
  private static final byte[] PREFIX = {'r', 'e', 'q', '_'};

  public RequestId {
    if (value == null || value.isBlank() || value.length() > 128) {
      throw new IllegalArgumentException("RequestId must be 1..128 characters");
    }
  }

  public static RequestId of(String value) {
    return new RequestId(value);
  }

  /**
   * Tollgate's own id for a request begun at {@code epochMillis}: {@code req_}, the milliseconds
   * (10 base-32 digits), the issuing instance's random 40 bits (8) and the instance's counter (8,
   * more once it passes 2^40, so it never wraps): 30 characters. The instance and its counter make
   * it unique; the time in front makes ids ascend as requests are made, across instances too, so
   * the ledger's B-tree indexes on the id take each new one at their right-hand edge instead of
   * splitting pages in the middle (docs/benchmarks.md, twenty-ninth session).
   */
  public static RequestId ordered(long epochMillis, long instance, long counter) {
    if (epochMillis < 0 || counter < 0) {
      throw new IllegalArgumentException("epochMillis and counter must not be negative");
    }
    int counterDigits = Math.max(COUNTER_DIGITS, (64 - Long.numberOfLeadingZeros(counter) + 4) / 5);
    byte[] id = new byte[PREFIX.length + MILLIS_DIGITS + INSTANCE_DIGITS + counterDigits];
    System.arraycopy(PREFIX, 0, id, 0, PREFIX.length);
    int end = PREFIX.length + MILLIS_DIGITS;
    digits(epochMillis, id, PREFIX.length, end);
    digits(instance, id, end, end + INSTANCE_DIGITS);
    digits(counter, id, end + INSTANCE_DIGITS, id.length);
    return new RequestId(new String(id, StandardCharsets.US_ASCII));
  }

  /** The low 5 × (to - from) bits of {@code value} into {@code id[from, to)}, most significant first. */
  private static void digits(long value, byte[] id, int from, int to) {
    long rest = value;
    for (int i = to - 1; i >= from; i--) {
      id[i] = DIGITS[(int) (rest & 31)];
      rest >>>= 5;
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
