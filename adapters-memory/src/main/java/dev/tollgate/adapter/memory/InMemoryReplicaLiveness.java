package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.ReplicaLiveness;
import dev.tollgate.port.out.ReplicaRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replica runs in one process's memory, for tests and simulations of several replicas over one
 * in-memory store: a run's "connection" lives from {@link #register} until {@link #end} (what a
 * simulated kill calls, as the kernel closing a killed process's sockets would).
 */
public final class InMemoryReplicaLiveness implements ReplicaLiveness {

  /** Most runs remembered; beyond, registering fails (a leak, not a load). */
  static final int MAX_RUNS = 100_000;

  private enum State { ALIVE, GONE }

  private final Map<ReplicaRun, State> runs = new LinkedHashMap<>();

  @Override
  public synchronized void register(ReplicaRun run, List<ReplicaRun> predecessors) {
    if (runs.size() >= MAX_RUNS && !runs.containsKey(run)) {
      throw new IllegalStateException("more than " + MAX_RUNS + " replica runs registered");
    }
    runs.put(run, State.ALIVE);
    predecessors.forEach(runs::remove); // adopted: its successor gives its holds back
  }

  @Override
  public synchronized boolean renew(ReplicaRun run) {
    State was = runs.put(run, State.ALIVE);
    return was != null;
  }

  @Override
  public synchronized List<ReplicaRun> gone(int limit) {
    return runs.entrySet().stream().filter(e -> e.getValue() == State.GONE).map(Map.Entry::getKey)
        .limit(Math.min(limit, MAX_GONE)).toList();
  }

  @Override
  public synchronized boolean forget(ReplicaRun run) {
    return runs.remove(run) != null;
  }

  @Override
  public synchronized void end(ReplicaRun run) {
    runs.computeIfPresent(run, (k, v) -> v == State.ALIVE ? State.GONE : v);
  }
}
