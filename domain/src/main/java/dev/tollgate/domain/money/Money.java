package dev.tollgate.domain.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact amount of US dollars, held as a whole number of nano-dollars (10^-9 USD).
 *
 * <p>One representation, one rounding rule: every computation that can produce a fraction of a
 * nano-dollar (only pricing does) rounds <em>up</em> to the next whole nano-dollar, so a priced
 * request is never recorded as free and the ledger's total is always the exact sum of its entries.
 * The range is about +/- 9.2 billion USD; arithmetic that would leave it throws instead of wrapping.
 */
public record Money(long nanoUsd) implements Comparable<Money> {

  public static final Money ZERO = new Money(0);
  static final int SCALE = 9;
  static final long NANOS_PER_USD = 1_000_000_000L;

  public static Money ofNanoUsd(long nanoUsd) {
    return nanoUsd == 0 ? ZERO : new Money(nanoUsd);
  }

  /** Parses a decimal dollar amount such as {@code "12.50"}; more than 9 decimals is an error. */
  public static Money usd(String decimalUsd) {
    return usd(new BigDecimal(decimalUsd));
  }

  /** Converts an exact decimal; refuses a value that would need rounding to fit nano-dollars. */
  public static Money usd(BigDecimal usd) {
    BigDecimal scaled = usd.movePointRight(SCALE);
    try {
      return ofNanoUsd(scaled.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "amount must have at most 9 decimals and fit in nano-USD: " + usd, e);
    }
  }

  /**
   * Divides an exact product (for example tokens x nano-USD per million tokens) by a divisor and
   * rounds up to a whole nano-dollar: the one rounding rule of Tollgate.
   */
  public static Money ceilDiv(BigInteger numeratorNanoUsd, long divisor) {
    if (divisor <= 0) {
      throw new IllegalArgumentException("divisor must be positive: " + divisor);
    }
    BigInteger[] qr = numeratorNanoUsd.divideAndRemainder(BigInteger.valueOf(divisor));
    BigInteger q = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    return ofNanoUsd(q.longValueExact());
  }

  /**
   * {@link #ceilDiv(BigInteger, long)} for a numerator that fits in a long: the same rounding,
   * without the two big integers a request's pricing would otherwise allocate.
   */
  public static Money ceilDiv(long numeratorNanoUsd, long divisor) {
    if (divisor <= 0) {
      throw new IllegalArgumentException("divisor must be positive: " + divisor);
    }
    return ofNanoUsd(Math.ceilDiv(numeratorNanoUsd, divisor));
  }

  public Money plus(Money other) {
    return ofNanoUsd(Math.addExact(nanoUsd, other.nanoUsd));
  }

  public Money minus(Money other) {
    return ofNanoUsd(Math.subtractExact(nanoUsd, other.nanoUsd));
  }

  public Money times(long factor) {
    return ofNanoUsd(Math.multiplyExact(nanoUsd, factor));
  }

  public boolean isZero() {
    return nanoUsd == 0;
  }

  public boolean isNegative() {
    return nanoUsd < 0;
  }

  public boolean isPositive() {
    return nanoUsd > 0;
  }

  public boolean isGreaterThan(Money other) {
    return nanoUsd > other.nanoUsd;
  }

  public boolean isAtLeast(Money other) {
    return nanoUsd >= other.nanoUsd;
  }

  public Money max(Money other) {
    return nanoUsd >= other.nanoUsd ? this : other;
  }

  public Money min(Money other) {
    return nanoUsd <= other.nanoUsd ? this : other;
  }

  /** The exact dollar value, scale 9. */
  public BigDecimal toUsd() {
    return BigDecimal.valueOf(nanoUsd, SCALE);
  }

  /**
   * Dollars with trailing zeros trimmed to at least 2 decimals, e.g. {@code "0.0000015"}. Written
   * from the long directly (every admitted response carries one or two, and every access line):
   * the same text as the {@link BigDecimal} form, which only {@code Long.MIN_VALUE} still takes.
   */
  public String toPlainUsd() {
    if (nanoUsd == Long.MIN_VALUE) {
      return plainUsdOf(toUsd());
    }
    long magnitude = Math.abs(nanoUsd);
    long fraction = magnitude % NANOS_PER_USD;
    int digits = SCALE;
    while (digits > 2 && fraction % 10 == 0) {
      fraction /= 10;
      digits--;
    }
    StringBuilder text = new StringBuilder(24);
    if (nanoUsd < 0) {
      text.append('-');
    }
    text.append(magnitude / NANOS_PER_USD).append('.');
    String fractionDigits = Long.toString(fraction);
    for (int pad = digits - fractionDigits.length(); pad > 0; pad--) {
      text.append('0');
    }
    return text.append(fractionDigits).toString();
  }

  private static String plainUsdOf(BigDecimal exact) {
    BigDecimal usd = exact.stripTrailingZeros();
    if (usd.scale() < 2) {
      usd = usd.setScale(2, RoundingMode.UNNECESSARY);
    }
    return usd.toPlainString();
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(nanoUsd, other.nanoUsd);
  }

  @Override
  public String toString() {
    return "USD " + toPlainUsd();
  }
}
