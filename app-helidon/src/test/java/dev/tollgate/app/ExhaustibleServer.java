package dev.tollgate.app;

import dev.tollgate.app.config.ServerLimits;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Tollgate server in a JVM of its own, run by {@link ListenerSurvivesDescriptorExhaustionIT}
 * under a small descriptor limit. It answers commands on stdin: {@code hog} takes every free
 * descriptor (as a leak elsewhere in the process would), {@code free} gives them back,
 * {@code restarts} tells how often the listener was restarted, {@code quit} exits.
 */
final class ExhaustibleServer {

  private static final int MAX_HOGGED = 100_000;

  private ExhaustibleServer() {}

  public static void main(String[] args) throws IOException {
    ServerLimits limits = new ServerLimits(10_000, Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(60), 1_000, 64L * 1024 * 1024, Duration.ZERO, Duration.ofSeconds(5));
    GatewayHarness gateway = GatewayHarness.simulated(limits);
    System.out.println("port " + gateway.server.port());
    System.out.flush();
    List<FileInputStream> hogged = new ArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      switch (line.strip()) {
        case "hog" -> {
          try {
            while (hogged.size() < MAX_HOGGED) {
              hogged.add(new FileInputStream("/dev/null"));
            }
          } catch (IOException exhausted) {
            // every descriptor is taken
          }
          System.out.println("hogged " + hogged.size());
        }
        case "free" -> {
          for (FileInputStream f : hogged) {
            f.close();
          }
          hogged.clear();
          System.out.println("freed");
        }
        case "restarts" -> System.out.println("restarts " + gateway.server.listenerRestarts());
        case "quit" -> System.exit(0);
        default -> System.out.println("unknown " + line);
      }
      System.out.flush();
    }
    System.exit(0);
  }
}
