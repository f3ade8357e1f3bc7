package dev.tollgate.domain.budget;

/**
 * The start of the ids of a family of holds, such as every lease hold one run of a replica placed
 * ({@code lease:<replica>:}): what a restart gives back of a killed predecessor. It must end with
 * a separator ({@code :}) so that one family never names another ({@code lease:r-1:} is not a
 * prefix of {@code lease:r-10:…}).
 */
public record HoldPrefix(String value) {

  public HoldPrefix {
    if (value == null || value.length() < 2 || value.length() > 120 || !value.endsWith(":")) {
      throw new IllegalArgumentException("a hold prefix is 2..120 characters ending with ':'");
    }
  }

  public static HoldPrefix of(String value) {
    return new HoldPrefix(value);
  }

  public boolean matches(HoldId hold) {
    return hold.value().startsWith(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
