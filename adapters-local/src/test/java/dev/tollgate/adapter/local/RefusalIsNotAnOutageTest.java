package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A statement the reachable store refused (one tenant's bad data) is counted but never degrades
 * the service: only a store that cannot be reached does.
 */
class RefusalIsNotAnOutageTest {

  @Test
  void aRefusedStatementLeavesTheServiceServing() {
    StoreHealth health = new StoreHealth(Clock.systemUTC(), false);

    health.unreachable(new StoreRefusedException("find model failed (SQLState 22021)"));

    assertThat(health.isDegraded()).isFalse();
    assertThat(health.storeRefusals()).isEqualTo(1);
    assertThat(health.storeErrors()).isZero();
    health.requireServing();
  }

  @Test
  void anUnreachableStoreStillDegradesIt() {
    StoreHealth health = new StoreHealth(Clock.systemUTC(), false);

    health.unreachable(new StoreUnavailableException("find model failed (SQLState 08006)"));

    assertThat(health.isDegraded()).isTrue();
    assertThat(health.storeErrors()).isEqualTo(1);
  }
}
