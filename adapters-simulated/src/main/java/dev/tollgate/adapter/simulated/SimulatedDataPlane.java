package dev.tollgate.adapter.simulated;

import dev.tollgate.dataplane.http.HeaderDecorator;
import dev.tollgate.dataplane.http.HttpTransport;
import dev.tollgate.dataplane.http.OpenAiCompatibleDataPlane;
import dev.tollgate.wire.openai.UsageNormalizer;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code simulated} data plane: starts a {@link Simulator} on loopback and talks to it over
 * real HTTP with the same pooled transport the other adapters use, so the whole request path is
 * exercised. The simulator speaks plain OpenAI, so usage has OpenAI's semantics.
 *
 * <p>{@link #connect} builds only the client half, for a simulator that already runs elsewhere
 * (another JVM started with {@code SimulatorMain}, so that its CPU stays out of a measurement) or
 * any server that speaks the simulator's plain OpenAI; the data-plane contract runs it that way
 * against its scripted upstream.
 */
public final class SimulatedDataPlane extends OpenAiCompatibleDataPlane {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final Optional<Simulator> simulator;

  private SimulatedDataPlane(Optional<Simulator> simulator, URI base, HttpTransport transport) {
    super("simulated", base, transport, HeaderDecorator.NONE, UsageNormalizer.OPENAI);
    this.simulator = simulator;
  }

  /** Starts a simulator and a data plane over it; closing the data plane stops both. */
  public static SimulatedDataPlane start(SimulatorSettings settings, Duration headTimeout) {
    Simulator simulator = Simulator.start(settings);
    try {
      return new SimulatedDataPlane(Optional.of(simulator), simulator.baseUri(),
          new HttpTransport(CONNECT_TIMEOUT, headTimeout));
    } catch (RuntimeException e) { // the transport, if built, was closed by the constructor
      simulator.close();
      throw e;
    }
  }

  /**
   * A data plane over a simulator already listening at {@code base} (its root, e.g.
   * {@code http://127.0.0.1:8090}); closing it closes only its own transport.
   */
  public static SimulatedDataPlane connect(URI base, Duration headTimeout) {
    return new SimulatedDataPlane(Optional.empty(), base,
        new HttpTransport(CONNECT_TIMEOUT, headTimeout));
  }

  /** The simulator this data plane started, if it started one. */
  public Optional<Simulator> simulator() {
    return simulator;
  }

  /** Closes the transport, then the simulator this data plane started, if it started one. */
  @Override
  public void close() {
    super.close();
    simulator.ifPresent(Simulator::close);
  }
}
