package dev.tollgate.domain.webhook;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** A webhook subscription's id: {@code wh_} and 24 lower-case hex digits. */
public record SubscriptionId(String value) {

  private static final Pattern FORMAT = Pattern.compile("wh_[0-9a-f]{24}");

  public SubscriptionId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a subscription id is wh_ and 24 hex digits");
    }
  }

  public static SubscriptionId of(String value) {
    return new SubscriptionId(value);
  }

  public static SubscriptionId next(RandomGenerator random) {
    return new SubscriptionId("wh_" + String.format("%016x", random.nextLong())
        + String.format("%08x", random.nextInt()));
  }

  @Override
  public String toString() {
    return value;
  }
}
