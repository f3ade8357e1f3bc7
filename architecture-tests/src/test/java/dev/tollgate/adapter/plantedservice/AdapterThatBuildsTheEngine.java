package dev.tollgate.adapter.plantedservice;

import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Tollgate;
import java.time.Clock;
import java.util.SplittableRandom;

/** Planted: an adapter that builds the use cases itself (ADAPTERS_DO_NOT_DEPEND_ON_SERVICES). */
public final class AdapterThatBuildsTheEngine {

  public Tollgate engine(Stores stores, Clock clock) {
    return Tollgate.create(stores, clock, new SplittableRandom(1));
  }
}
