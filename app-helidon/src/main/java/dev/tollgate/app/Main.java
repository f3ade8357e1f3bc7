package dev.tollgate.app;

import dev.tollgate.app.config.ConfigLoader;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.Secrets;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code tollgate serve}: starts the gateway. Without {@code TOLLGATE_MASTER_KEY} (or
 * {@code TOLLGATE_MASTER_KEY_FILE}) it makes up a master key and prints it once, so the quick start
 * needs nothing but a JDK.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    switch (command) {
      case "serve" -> serve();
      case "help", "--help", "-h" -> usage(0);
      default -> {
        System.err.println("unknown command: " + command);
        usage(2);
      }
    }
  }

  private static void serve() {
    LogConfig.configureRuntime();
    GatewayConfig config;
    try {
      config = ConfigLoader.load(Config.create(), Secrets.fromEnvironment());
    } catch (RuntimeException e) {
      System.err.println("tollgate: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    boolean generated = config.masterKey().isEmpty();
    Secret master = config.masterKey().orElseGet(Main::generatedMasterKey);
    TollgateServer server = TollgateServer.start(config, master);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tollgate-shutdown"));
    String base = "http://" + config.server().host() + ":" + server.port();
    System.out.println("Tollgate is listening on " + base
        + " (data plane: " + config.dataPlane().type() + ")");
    if (generated) {
      System.out.println("No TOLLGATE_MASTER_KEY was set; this run's master key is: " + master.reveal());
    }
    System.out.println(QuickStart.text(base, generated ? master.reveal() : "$TOLLGATE_MASTER_KEY"));
  }

  private static Secret generatedMasterKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return new Secret("tg-master-" + HexFormat.of().formatHex(bytes));
  }

  private static void usage(int status) {
    System.out.println("""
        usage: tollgate <command>
          serve   start the gateway (configuration: application.yaml + TOLLGATE_* environment)
          help    this text""");
    System.exit(status);
  }
}
