package dev.tollgate.app.planted.root;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;

/** Planted: an entry point making its own clock and randomness (ONLY_THE_ROOT_READS_CLOCK_AND_ENTROPY). */
public final class SecondRoot {

  public Clock clock() {
    return Clock.systemUTC();
  }

  public RandomGenerator random() {
    return new SecureRandom();
  }

  /** Compliant control: a clock handed in is what the rule asks for. */
  public Clock handedIn(Clock clock) {
    return clock;
  }
}
