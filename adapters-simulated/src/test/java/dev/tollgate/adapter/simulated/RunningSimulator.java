package dev.tollgate.adapter.simulated;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulator with its default settings for a whole test class, started before the class's first
 * test and closed after its last: {@code @RegisterExtension static final RunningSimulator SIM = new
 * RunningSimulator();}, then {@code SIM.client()}.
 */
final class RunningSimulator implements BeforeAllCallback, AfterAllCallback {

  private Simulator simulator;
  private SimClient client;

  @Override
  public void beforeAll(ExtensionContext context) {
    simulator = Simulator.start(SimulatorSettings.defaults());
    client = new SimClient(simulator);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    simulator.close();
  }

  Simulator simulator() {
    return simulator;
  }

  SimClient client() {
    return client;
  }
}
