package dev.tollgate.service;

import dev.tollgate.domain.key.KeyId;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Key ids: random, unrelated to the secret, {@code key_} and 24 hex digits. */
final class KeyIds {

  private static final int BYTES = 12;

  private KeyIds() {}

  static KeyId next(RandomGenerator random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return KeyId.of("key_" + HexFormat.of().formatHex(bytes));
  }
}
