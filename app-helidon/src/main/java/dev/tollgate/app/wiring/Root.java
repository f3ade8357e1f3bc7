package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.tollgate.app.config.GatewayConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The composition root that every entry point shares: {@code serve}, the administration CLI,
 * {@code import}, the secret commands and {@code smoke} each start from one {@code Root}, and this
 * is the only class that reads the system clock or the system's entropy (an ArchUnit rule keeps it
 * so): everything else is handed this root's {@link Clock} and {@link RandomGenerator}. The server's
 * graph is Guice, one module per concern ({@link #server}); the CLI's graphs are a handful of
 * objects, built here in plain code over the same clock and randomness ({@link #administration},
 * {@link #secretStore}). docs/architecture.md says why.
 */
public final class Root {

  private final GatewayConfig config;
  private final Clock clock;
  private final RandomGenerator random;

  private Root(GatewayConfig config, Clock clock, RandomGenerator random) {
    this.config = config;
    this.clock = clock;
    this.random = random;
  }

  /** The production root: the system clock in UTC and the platform's {@link SecureRandom}. */
  public static Root of(GatewayConfig config) {
    return new Root(config, Clock.systemUTC(), new SecureRandom());
  }

  /** A root over a given clock and randomness (a test's fixed clock, a seeded generator). */
  public static Root of(GatewayConfig config, Clock clock, RandomGenerator random) {
    return new Root(config, clock, random);
  }

  public GatewayConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public RandomGenerator random() {
    return random;
  }

  /**
   * The server's object graph: this root's configuration, clock and randomness, then one module
   * per concern (the engine and HTTP parts, the stores, the data plane, the meters). What the
   * graph opens is registered with {@code closer}.
   *
   * @param meteredRoutes the paths the HTTP server meters name on their own
   */
  public Injector server(Closer closer, List<String> meteredRoutes) {
    return Guice.createInjector(new RootModule(this), new GatewayModule(config),
        new StoresModule(closer), new DataPlaneModule(closer),
        new MetricsModule(closer, meteredRoutes), new TracingModule(closer));
  }

  /** The administration use cases over the configured durable store, for the CLI. */
  public AdminBackend administration() {
    return AdminBackend.open(config, clock, random);
  }

  /** The configured durable store's sealed secrets, for the secret commands. */
  public DurableSecretStore secretStore() {
    return DurableSecretStore.open(config);
  }

  /** Binds what the root owns, so that every module is handed the same instances. */
  private static final class RootModule extends AbstractModule {

    private final Root root;

    RootModule(Root root) {
      this.root = root;
    }

    @Override
    protected void configure() {
      bind(GatewayConfig.class).toInstance(root.config);
      bind(Clock.class).toInstance(root.clock);
      bind(RandomGenerator.class).toInstance(root.random);
    }
  }
}
