package dev.tollgate.domain.planted.floating;

/** Planted: a price in binary floating point, in every signature position (NO_FLOATING_POINT_IN_CORE). */
public record FloatPrice(double usdPerToken) {

  public static FloatPrice of(float usdPerToken) {
    return new FloatPrice(usdPerToken);
  }

  public Float discount() {
    return 0.1f;
  }

  /** Compliant control: a long of a fixed sub-unit is how money is counted. */
  public long nanoUsd() {
    return 0L;
  }
}
