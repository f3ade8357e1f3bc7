package dev.tollgate.service.planted.clock;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Planted: a service minting ids from system entropy (NO_SYSTEM_CLOCK_OR_RANDOMNESS_IN_CORE). */
public final class EntropyService {

  public UUID randomId() {
    return UUID.randomUUID();
  }

  public Supplier<UUID> randomIdLater() {
    return UUID::randomUUID;
  }

  public double randoms() {
    return new Random().nextInt() + new SecureRandom().nextInt() + Math.random()
        + ThreadLocalRandom.current().nextInt();
  }

  /** Compliant control: a seeded Random is deterministic and must not be reported. */
  public int seeded() {
    return new Random(42L).nextInt();
  }
}
