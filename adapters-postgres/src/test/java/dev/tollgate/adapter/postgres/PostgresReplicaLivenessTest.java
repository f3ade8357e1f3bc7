package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.ReplicaLiveness;
import dev.tollgate.port.out.contract.ReplicaLivenessContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each "process" a liveness of its own, so each holds its run's lock on its own session. */
class PostgresReplicaLivenessTest extends ReplicaLivenessContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private final List<PostgresReplicaLiveness> opened = new ArrayList<>();

  @Override
  protected ReplicaLiveness newProcess() {
    PostgresReplicaLiveness l = SCHEMA.postgres().liveness();
    opened.add(l);
    return l;
  }

  @AfterEach
  void endSessions() {
    opened.forEach(PostgresReplicaLiveness::close);
  }
}
