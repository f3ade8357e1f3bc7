package dev.tollgate.port.in;

/**
 * Periodic housekeeping a host runs (the service: every 30 seconds): lapses holds nobody settled
 * and forgets what stores no longer need, so memory stays bounded.
 */
public interface SweepExpired {

  /** Returns how many budget accounts changed. */
  int sweep();
}
