package dev.tollgate.adapter.simulated;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link Simulator} standalone until the process is stopped:
 *
 * <pre>
 * java -cp ... dev.tollgate.adapter.simulated.SimulatorMain [--host H] [--port N]
 *     [--first-byte-ms N] [--token-ms N] [--max-tokens N] [--models a,b,c]
 * </pre>
 *
 * <p>Prints the base URL on one line, then blocks; SIGTERM or Ctrl-C closes the server.
 */
public final class SimulatorMain {

  private static final String USAGE = "usage: SimulatorMain [--host H] [--port N] [--first-byte-ms N]"
      + " [--token-ms N] [--max-tokens N] [--models a,b,c]";

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatorSettings settings;
    try {
      settings = parse(args, SimulatorSettings.defaults().withPort(8000));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Simulator simulator = Simulator.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.close();
      stopped.countDown();
    }, "simulator-shutdown"));
    System.out.println("Tollgate simulator listening on " + simulator.baseUri()
        + " (OpenAI base URL " + simulator.openAiBaseUri() + "), models " + settings.models());
    System.out.flush();
    stopped.await();
  }

  /** Reads {@code --flag value} pairs over {@code base}; an unknown flag or bad value throws. */
  static SimulatorSettings parse(String[] args, SimulatorSettings base) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("every flag needs a value: " + Arrays.toString(args));
    }
    SimulatorSettings settings = base;
    for (int i = 0; i < args.length; i += 2) {
      settings = apply(settings, args[i], args[i + 1]);
    }
    return settings;
  }

  private static SimulatorSettings apply(SimulatorSettings s, String flag, String value) {
    return switch (flag) {
      case "--host" -> s.withHost(value);
      case "--port" -> s.withPort(number(flag, value));
      case "--first-byte-ms" -> s.withDelays(Duration.ofMillis(number(flag, value)), s.interTokenDelay());
      case "--token-ms" -> s.withDelays(s.firstByteDelay(), Duration.ofMillis(number(flag, value)));
      case "--max-tokens" -> s.withDefaultMaxTokens(number(flag, value));
      case "--models" -> s.withModels(List.of(value.split(",")));
      default -> throw new IllegalArgumentException("unknown flag " + flag);
    };
  }

  private static int number(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs an integer, got " + value, e);
    }
  }
}
