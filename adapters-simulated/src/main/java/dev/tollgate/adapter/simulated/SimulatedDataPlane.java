package dev.tollgate.adapter.simulated;

import dev.tollgate.dataplane.http.HeaderDecorator;
import dev.tollgate.dataplane.http.HttpTransport;
import dev.tollgate.dataplane.http.OpenAiCompatibleDataPlane;
import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
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
public final class SimulatedDataPlane implements DataPlane, AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final Optional<Simulator> simulator;
  private final HttpTransport transport;
  private final OpenAiCompatibleDataPlane delegate;

  private SimulatedDataPlane(Optional<Simulator> simulator, URI base, HttpTransport transport) {
    this.simulator = simulator;
    this.transport = transport;
    this.delegate = new OpenAiCompatibleDataPlane(
        "simulated", base, transport, HeaderDecorator.NONE, UsageNormalizer.OPENAI);
  }

  /** Starts a simulator and a data plane over it; closing the data plane stops both. */
  public static SimulatedDataPlane start(SimulatorSettings settings, Duration headTimeout) {
    Simulator simulator = Simulator.start(settings);
    try {
      return new SimulatedDataPlane(Optional.of(simulator), simulator.baseUri(),
          new HttpTransport(CONNECT_TIMEOUT, headTimeout));
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
  }

  /**
   * A data plane over a simulator already listening at {@code base} (its root, e.g.
   * {@code http://127.0.0.1:8090}); closing it closes only its own transport.
   */
  public static SimulatedDataPlane connect(URI base, Duration headTimeout) {
    HttpTransport transport = new HttpTransport(CONNECT_TIMEOUT, headTimeout);
    try {
      return new SimulatedDataPlane(Optional.empty(), base, transport);
    } catch (RuntimeException e) {
      transport.close();
      throw e;
    }
  }

  /** The simulator this data plane started, if it started one. */
  public Optional<Simulator> simulator() {
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
  public Optional<MessagesUsage> messagesUsageIn(byte[] json, int offset, int length) {
    return delegate.messagesUsageIn(json, offset, length);
  }

  @Override
  public UpstreamError errorOf(UpstreamResponseHead head, byte[] body) {
    return delegate.errorOf(head, body);
  }

  @Override
  public void close() {
    transport.close();
    simulator.ifPresent(Simulator::close);
  }
}
