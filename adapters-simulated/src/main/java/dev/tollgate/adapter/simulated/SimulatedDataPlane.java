package dev.tollgate.adapter.simulated;

import dev.tollgate.dataplane.http.HeaderDecorator;
import dev.tollgate.dataplane.http.HttpTransport;
import dev.tollgate.dataplane.http.OpenAiCompatibleDataPlane;
import dev.tollgate.dataplane.http.UsageNormalizer;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code simulated} data plane: starts a {@link Simulator} on loopback and talks to it over
 * real HTTP with the same pooled transport the other adapters use, so the whole request path is
 * exercised. The simulator speaks plain OpenAI, so usage has OpenAI's semantics.
 */
public final class SimulatedDataPlane implements DataPlane, AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final Simulator simulator;
  private final HttpTransport transport;
  private final OpenAiCompatibleDataPlane delegate;

  private SimulatedDataPlane(Simulator simulator, HttpTransport transport) {
    this.simulator = simulator;
    this.transport = transport;
    this.delegate = new OpenAiCompatibleDataPlane(
        "simulated", simulator.baseUri(), transport, HeaderDecorator.NONE, UsageNormalizer.OPENAI);
  }

  /** Starts a simulator and a data plane over it; closing the data plane stops both. */
  public static SimulatedDataPlane start(SimulatorSettings settings, Duration headTimeout) {
    Simulator simulator = Simulator.start(settings);
    try {
      return new SimulatedDataPlane(simulator, new HttpTransport(CONNECT_TIMEOUT, headTimeout));
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
  }

  public Simulator simulator() {
    return simulator;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public UpstreamResponse send(UpstreamRequest request) {
    return delegate.send(request);
  }

  @Override
  public Optional<TokenUsage> usageIn(byte[] json, int offset, int length) {
    return delegate.usageIn(json, offset, length);
  }

  @Override
  public UpstreamError errorOf(UpstreamResponseHead head, byte[] body) {
    return delegate.errorOf(head, body);
  }

  @Override
  public void close() {
    transport.close();
    simulator.close();
  }
}
