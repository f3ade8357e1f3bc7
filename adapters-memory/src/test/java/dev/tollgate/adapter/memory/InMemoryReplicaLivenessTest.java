package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.ReplicaLiveness;
import dev.tollgate.port.out.contract.ReplicaLivenessContract;

/** One process's memory: every "process" of the contract is the same instance. */
class InMemoryReplicaLivenessTest extends ReplicaLivenessContract {

  private final InMemoryReplicaLiveness shared = new InMemoryReplicaLiveness();

  @Override
  protected ReplicaLiveness newProcess() {
    return shared;
  }
}
