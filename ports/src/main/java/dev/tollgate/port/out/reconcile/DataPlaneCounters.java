package dev.tollgate.port.out.reconcile;

import dev.tollgate.domain.reconcile.TokenCounters;

/** One data-plane instance's cumulative token counters, read now. */
public interface DataPlaneCounters {

  /** Names the instance read (its metrics URL), stable across restarts: readings are kept by it. */
  String target();

  /**
   * The counters as they are now.
   *
   * @throws CountersUnavailableException when they cannot be read or understood
   */
  TokenCounters read();
}
