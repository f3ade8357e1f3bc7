package dev.tollgate.domain.webhook;

import java.util.Arrays;
import java.util.Optional;

/** Where an outbox row is: waiting (first try or a retry), delivered, or failed for good. */
public enum DeliveryStatus {
  PENDING,
  DELIVERED,
  FAILED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<DeliveryStatus> named(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }
}
