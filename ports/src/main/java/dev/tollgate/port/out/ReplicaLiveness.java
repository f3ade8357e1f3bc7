package dev.tollgate.port.out;

import java.util.List;

/**
 * Which replica runs sharing a store are gone: their process ended (a SIGKILL included), so
 * nothing will admit against their lease holds any more. What lets the other replicas give a
 * killed replica's slices back before its holds lapse (adapters-local).
 *
 * <p>"Gone" must mean the process is gone, not that it is silent: a replica stalled or cut off from
 * the store still admits against its slices, so a store answers gone only for a run whose own
 * connection to it ended (PostgreSQL: the session that holds the run's advisory lock), never for
 * one that merely stopped writing. Failures throw {@link StoreUnavailableException}.
 */
public interface ReplicaLiveness {

  /** Most runs one {@link #gone} call answers. */
  int MAX_GONE = 100;

  /**
   * Registers {@code run} as alive for as long as this process keeps its connection, and adopts
   * {@code predecessors} (earlier runs on the same journal): the successor gives their holds
   * back itself, once its journal posted what they answered, so they are never reported gone.
   */
  void register(ReplicaRun run, List<ReplicaRun> predecessors);

  /**
   * Keeps {@code run}'s connection (reconnecting if it broke). False if the run was forgotten
   * meanwhile (another replica took it for gone and gave its holds back); it is registered again.
   */
  boolean renew(ReplicaRun run);

  /** Registered runs whose process is gone and that no successor adopted, at most {@code limit}. */
  List<ReplicaRun> gone(int limit);

  /** Drops a gone run once its holds are given back; false if it was not registered. */
  boolean forget(ReplicaRun run);

  /** Ends {@code run}'s connection, as its process ending does (a graceful stop). */
  void end(ReplicaRun run);
}
