package dev.tollgate.app.http.admin;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.Optional;

/** The {@code Idempotency-Key} header of a create: at most 255 printable characters. */
final class Idempotency {

  static final HeaderName HEADER = HeaderNames.create("Idempotency-Key");

  private Idempotency() {}

  static Optional<String> key(AdminCall c) {
    Optional<String> value = c.request().headers().first(HEADER).map(String::strip);
    value.ifPresent(v -> {
      if (v.isEmpty() || v.length() > 255 || !v.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e)) {
        throw new BadField("Idempotency-Key",
            "The Idempotency-Key header must be 1..255 printable characters.");
      }
    });
    return value;
  }
}
